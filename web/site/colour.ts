/**
 * Colour checks for the website's theme: the accent colour carries white text (header,
 * launcher, the visitor's bubbles) and is itself used as text on white (suggested actions),
 * so it needs a WCAG contrast ratio of at least 4.5:1 against white.
 */

export const MIN_TEXT_CONTRAST = 4.5;

/** `#rgb` or `#rrggbb` as [r, g, b] (0–255); undefined for anything else. */
export function parseHexColour(value: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match?.[1]) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  return [0, 2, 4].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export const WHITE: [number, number, number] = [255, 255, 255];

/** `#rrggbb`, lower case. */
export function normalizeHexColour(value: string): string | undefined {
  const rgb = parseHexColour(value);
  return rgb ? `#${rgb.map((channel) => channel.toString(16).padStart(2, '0')).join('')}` : undefined;
}

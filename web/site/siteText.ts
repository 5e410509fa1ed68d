import { z } from 'zod';
import { projectPath } from '../../config/paths.js';
import { fill, type TemplateValues } from '../../knowledge/responses.js';
import { parseFile } from '../../knowledge/load.js';

/** The words around the chat (launcher, labels, disclaimer), as data staff can edit in web/site/siteText.yaml. */

const line = z.string().trim().min(1, 'must not be empty').max(300);
const siteTextSchema = z.strictObject({
  launcher: line,
  subtitle: line,
  disclaimer: line,
  chatLabel: line,
  closeLabel: line,
  loading: line,
  unavailable: line,
  noScript: line,
  deliveryFailed: line,
});

export type SiteText = z.infer<typeof siteTextSchema>;

export const DEFAULT_SITE_TEXT_FILE = projectPath('web', 'site', 'siteText.yaml');

/** Loads the file and fills `{title}` in every line. */
export function loadSiteText(title: string, file: string = DEFAULT_SITE_TEXT_FILE): SiteText {
  const raw = parseFile(file, siteTextSchema);
  const values: TemplateValues = { title };
  return Object.fromEntries(Object.entries(raw).map(([key, text]) => [key, fill(text, values)])) as SiteText;
}

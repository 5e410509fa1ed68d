import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** The screening data files' own error: its message names the file and the first bad field. */
export class ScreeningDataError extends Error {
  override name = 'ScreeningDataError';
}

/**
 * Reads one YAML file and validates it against a schema. `describe` may turn zod's path into
 * something easier to find in the file (e.g. the flag id rather than its index).
 */
export function readYamlFile<T extends z.ZodType>(
  file: string,
  schema: T,
  describe: (raw: unknown, path: readonly PropertyKey[]) => string = (_raw, path) => path.map(String).join('.'),
): z.infer<T> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ScreeningDataError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? describe(raw, issue.path) : '(top level)';
    throw new ScreeningDataError(`${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

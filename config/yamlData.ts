import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import type { z } from 'zod';

/** Turns the path zod reports into words someone can find in the file (default: `a.0.b`). */
export type DescribePath = (raw: unknown, path: readonly PropertyKey[]) => string;

const dotted: DescribePath = (_raw, path) => path.map(String).join('.');

/**
 * Reads one YAML data file (knowledge base, screening rules, intents, site text) and validates it
 * against its schema. Any problem is thrown as `makeError` with one line naming the file and the
 * first bad field, so each concern keeps its own error type.
 */
export function readYamlData<T extends z.ZodType>(
  file: string,
  schema: T,
  makeError: (message: string) => Error,
  describe: DescribePath = dotted,
): z.infer<T> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw makeError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? describe(raw, issue.path) : '(top level)';
    throw makeError(`${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

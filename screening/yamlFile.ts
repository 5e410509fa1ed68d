import type { z } from 'zod';
import { readYamlData, type DescribePath } from '../config/yamlData.js';

/** The screening data files' own error: its message names the file and the first bad field. */
export class ScreeningDataError extends Error {
  override name = 'ScreeningDataError';
}

/**
 * Reads one YAML file and validates it against a schema. `describe` may turn zod's path into
 * something easier to find in the file (e.g. the flag id rather than its index).
 */
export function readYamlFile<T extends z.ZodType>(file: string, schema: T, describe?: DescribePath): z.infer<T> {
  return readYamlData(file, schema, (message) => new ScreeningDataError(message), describe);
}

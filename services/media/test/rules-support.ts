import { parseInput, UserErrorsException } from '@gigmart/shared';
import type { z } from 'zod';

/** What parseInput reports for `input` (rules tests): [field, code, message] per broken rule, in order. */
export function refusals(schema: z.ZodType, input: unknown): Array<[string | undefined, string, string]> {
  try {
    parseInput(schema, input);
    return [];
  } catch (error) {
    if (!(error instanceof UserErrorsException)) throw error;
    return error.userErrors.map((e) => [e.field?.join('.'), e.code, e.message]);
  }
}

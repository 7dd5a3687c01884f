import type { z } from 'zod';
import { badUserInput } from './errors.js';

/**
 * A query's arguments, checked by a zod schema before any work is done for them. Queries have no
 * `userErrors`: what is out of bounds is one BAD_USER_INPUT error whose message names every problem
 * ("The search query must be at most 200 characters. Filter by at most 5 tags."), with the
 * problems one by one in `extensions.problems` (`{ argument: "filter.tags", message }`) and the
 * first argument at fault in `extensions.argumentName`, as `pageSize` does for `first`.
 */
export function parseArgs<S extends z.ZodType>(schema: S, args: unknown): z.output<S> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    argument: issue.path.map((p) => (typeof p === 'symbol' ? String(p.description) : String(p))).join('.'),
    message: issue.message,
  }));
  const messages = [...new Set(problems.map((p) => p.message))];
  throw badUserInput(messages.join(' '), { argumentName: problems[0]?.argument.split('.')[0] ?? null, problems });
}

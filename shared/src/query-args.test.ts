import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseArgs } from './query-args.js';

describe('parseArgs', () => {
  const schema = z.object({
    name: z.string().max(3, 'A name is at most 3 characters.'),
    filter: z.object({ ids: z.array(z.string()).max(2, 'At most 2 ids.') }).nullish(),
  });

  it('answers the parsed arguments', () => {
    expect(parseArgs(schema, { name: 'abc', filter: { ids: ['1'] } })).toEqual({ name: 'abc', filter: { ids: ['1'] } });
  });

  it('throws one BAD_USER_INPUT naming every problem, each with its argument', () => {
    let caught: unknown;
    try {
      parseArgs(schema, { name: 'abcd', filter: { ids: ['1', '2', '3'] } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GraphQLError);
    const error = caught as GraphQLError;
    expect(error.message).toBe('A name is at most 3 characters. At most 2 ids.');
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argumentName: 'name',
      problems: [
        { argument: 'name', message: 'A name is at most 3 characters.' },
        { argument: 'filter.ids', message: 'At most 2 ids.' },
      ],
    });
  });
});

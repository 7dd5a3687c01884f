import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@gigmart/shared';
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { gatewayEnvSchema } from '../../../gateway/src/config.js';
import { operationLimits } from '../../../gateway/src/limits.js';
import * as operations from '../src/gql/graphql.js';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every operation of the client passes the gateway's limits at their defaults (depth, aliases, cost,
 * directives), by the gateway's own validation rules: graphql-armor counts a fragment spread as two
 * levels of depth, so fragments nested in fragments reach the limit of 10 sooner than the fields
 * suggest. A refused operation would fail in the browser with "Query depth limit of 10 exceeded".
 */
describe("the client's operations and the gateway's limits", () => {
  const schema = buildSchema(readFileSync(path.join(webDir, '../../schema.graphql'), 'utf8'));
  const rules = operationLimits(parseConfig(gatewayEnvSchema, {})).validationRules ?? [];
  const documents = Object.entries(operations).filter(
    (entry): entry is [string, DocumentNode] =>
      typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as { kind?: unknown }).kind === 'Document',
  );

  const check = (document: DocumentNode) =>
    validate(
      schema,
      document,
      rules.filter((rule) => typeof rule === 'function'),
    ).map((e) => e.message);

  it('finds the operations, and the rules refuse what is too deep', () => {
    expect(documents.length).toBeGreaterThan(40);
    // 11 levels once the two spreads count: refused, as the gateway would.
    const deep = parse(`
      query Deep($id: ID!) { conversation(id: $id) { messages(first: 1) { ...Page } } }
      fragment Page on MessageConnection { edges { node { ...Msg } } }
      fragment Msg on Message { offer { gig { title } } }
    `);
    expect(check(deep)).toEqual([expect.stringContaining('Query depth limit of 10 exceeded')]);
  });

  it.each(documents)('%s is within the limits', (_name, document) => {
    expect(check(document)).toEqual([]);
  });
});

import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/**
 * The committed `schema.graphql` is the contract clients build against. A new public schema may add
 * to it freely; anything that could break a client written against it (a removed field, a changed
 * type or nullability, a removed enum value, a new required argument, ...) is a breaking change,
 * as @graphql-inspector judges it. `npm run schema` refuses to write one unless told it is
 * deliberate, and the test in test/public-schema.test.ts fails on one.
 */
export interface SchemaComparison {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
}

export async function compareSchemas(publishedSdl: string, candidateSdl: string): Promise<SchemaComparison> {
  const changes = await diff(buildSchema(publishedSdl), buildSchema(candidateSdl));
  const of = (level: CriticalityLevel) => changes.filter((change) => change.criticality.level === level);
  return { breaking: of(CriticalityLevel.Breaking), dangerous: of(CriticalityLevel.Dangerous), safe: of(CriticalityLevel.NonBreaking) };
}

/** One line per change, for a terminal or a test failure. */
export function describeChanges(changes: Change[]): string {
  return changes.map((change) => `  - ${change.path ?? ''}: ${change.message}`).join('\n');
}

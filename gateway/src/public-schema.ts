import { createRequire } from 'node:module';
import { Supergraph } from '@apollo/federation-internals';

// federation-internals is CommonJS and builds its schemas with graphql's CommonJS copy; graphql-js
// refuses schema objects from another copy, and under ESM loaders (vitest) `import 'graphql'` can
// be the ESM one. Print with the copy that built the schema.
const { printSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * The public API as clients see it through the gateway: the supergraph's API schema, without
 * federation's internals (join__*, link__*, _entities, _service) or anything marked @inaccessible.
 * This is what `schema.graphql` at the repository root holds, for codegen and for reading.
 */
export function publicSchemaSdl(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `# The Gigmart public API, generated from the composed supergraph by \`npm run schema\`.\n# Do not edit: a test fails when this file is stale.\n\n${printSchema(api)}\n`;
}

/**
 * Resolver types from this subgraph's schema modules (`npm run codegen -w services/media` writes
 * src/generated/resolvers.ts; test/generated.test.ts fails when it is stale). Parents are what the
 * resolvers really receive: the stored documents, not the GraphQL types.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResolverTypes, type ResolverCodegen } from '@gigmart/shared/codegen';
import { subgraphModules } from './src/modules.js';

const config: ResolverCodegen = {
  modules: subgraphModules,
  contextType: '../context.js#MediaContext',
  mappers: {
    File: '../modules/files/model.js#FileDoc',
  },
};
export default config;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = await writeResolverTypes(path.dirname(fileURLToPath(import.meta.url)), config);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

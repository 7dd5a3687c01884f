/**
 * Resolver types for the users subgraph: `npm run codegen -w services/users` writes
 * src/generated/resolvers.ts from `subgraphModules` (test/generated.test.ts fails when it is stale).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResolverTypes, type ResolverCodegen } from '@gigmart/shared/codegen';
import { subgraphModules } from './src/modules.js';

const codegen: ResolverCodegen = {
  modules: subgraphModules,
  contextType: '../context.js#UsersContext',
  mappers: {
    User: '../modules/profiles/model.js#UserDoc',
  },
};
export default codegen;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = await writeResolverTypes(path.dirname(fileURLToPath(import.meta.url)), codegen);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

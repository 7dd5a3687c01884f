import { createRequire } from 'node:module';

/**
 * graphql-js as @apollo/gateway and graphql-ws load it (CommonJS). Its schemas and errors pass
 * graphql's instanceof checks only in the same copy of the module, not in the ES module copy an
 * `import from 'graphql'` gives this package: the live code makes and checks them with this one.
 */
export const graphqlCjs = createRequire(import.meta.url)('graphql') as typeof import('graphql');

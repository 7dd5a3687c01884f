// @ts-check
import { defineConfig } from '@graphql-hive/gateway';

/**
 * The peer gateway as the benchmark runs it (`hive-gateway supergraph <file> -c <this file>`):
 * the subgraphs check the caller's token themselves, so it forwards Authorization (and the request
 * id) the way our gateway does. Everything else is Hive Gateway's defaults; the number of processes
 * (--fork) is given on the command line, the same as ours (BENCH_GATEWAY_WORKERS).
 * Plain JavaScript: Hive's types (graphql-yoga's) would clash with Apollo's in this workspace's
 * type check.
 */
export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization'),
      'x-request-id': request.headers.get('x-request-id'),
    }),
  },
  logging: 'warn',
});

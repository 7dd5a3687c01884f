import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { maskError, REQUEST_ID_HEADER, startHttpService, type HttpService, type Logger } from '@gigmart/shared';
import type { GatewayConfig } from './config.js';
import { RetryingComposer } from './supergraph.js';
import { subgraphEndpoints } from './subgraphs.js';

export interface GatewayContext {
  requestId: string;
  logger: Logger;
  authorization?: string;
}

/** Forwards what a subgraph needs to know about the caller: the request id and the bearer token. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return; // the gateway's own health checks
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

export async function startGateway(options: { config: GatewayConfig; logger: Logger; port?: number }): Promise<HttpService> {
  const { config, logger } = options;
  const subgraphs = subgraphEndpoints(config);
  const gateway = new ApolloGateway({
    supergraphSdl: config.SUPERGRAPH_PATH
      ? await readFile(config.SUPERGRAPH_PATH, 'utf8')
      : new RetryingComposer({ subgraphs, logger, pollIntervalMs: config.SUPERGRAPH_POLL_MS }),
    buildService: ({ url }) => new ForwardingDataSource({ url }),
    logger: { debug: () => {}, info: (m) => logger.info(String(m)), warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskError,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });

  return startHttpService<GatewayContext>({
    name: 'gateway',
    port: options.port ?? config.GATEWAY_PORT,
    host: config.HOST,
    logger,
    apollo,
    bodyLimit: '100kb',
    context: async ({ req, requestId, logger: requestLogger }) => ({
      requestId,
      logger: requestLogger,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    }),
    readiness: Object.fromEntries(
      subgraphs.map((s) => [
        s.name,
        async () => {
          const response = await fetch(new URL('/health', s.baseUrl), { signal: AbortSignal.timeout(1500) });
          return response.ok;
        },
      ]),
    ),
  });
}

import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import type { Connection } from 'mongoose';
import { createAccessTokenVerifier, viewerFromAuthorization, type AccessTokenVerifier } from './auth/access-token.js';
import type { Viewer } from './auth/viewer.js';
import { connectDatabase, ensureIndexes, pingDatabase } from './db/connect.js';
import { startHttpService, type ReadinessCheck, type RequestInfo } from './http/service.js';
import type { Logger } from './logger.js';
import type { RunningSubgraph } from './service.js';

/** One domain module of a subgraph: its slice of the schema and its resolvers. */
export interface SubgraphModule {
  typeDefs: DocumentNode;
  // Resolver maps are keyed by type and field names only known at run time.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  resolvers?: GraphQLResolverMap<any>;
}

/** What every subgraph request knows before the service adds its own (loaders, models). */
export interface BaseContext {
  requestId: string;
  logger: Logger;
  viewer: Viewer | null;
}

/** Something that runs beside the server (a periodic job) and must stop with it. */
export interface BackgroundTask {
  stop(): Promise<void> | void;
}

export interface SubgraphOptions<TModels, TContext extends BaseContext> {
  name: string;
  port: number;
  host?: string;
  logger: Logger;
  mongoUri: string;
  /** Database name on the shared server; each service owns one. */
  dbName: string;
  /** Registers the service's models on its connection. */
  models: (connection: Connection) => TModels;
  modules: SubgraphModule[];
  context: (base: BaseContext, models: TModels, info: RequestInfo) => TContext;
  /** Verifies access tokens; defaults to the users service's JWKS at `usersUrl`. */
  verifyAccessToken?: AccessTokenVerifier;
  usersUrl?: string;
  routes?: (app: Express, models: TModels) => void;
  readiness?: Record<string, ReadinessCheck>;
  /** Runs once the database is ready and before traffic (seeding, background jobs). */
  onStart?: (models: TModels, connection: Connection) => Promise<BackgroundTask[] | void>;
}

export interface StartedSubgraph<TModels> extends RunningSubgraph {
  port: number;
  models: TModels;
  connection: Connection;
}

/**
 * Starts a subgraph: its own database on the server, its indexes, its schema, and a context that
 * verifies the caller's access token itself (a subgraph trusts no header for being inside the network).
 */
export async function startSubgraph<TModels, TContext extends BaseContext>(
  options: SubgraphOptions<TModels, TContext>,
): Promise<StartedSubgraph<TModels>> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, options.logger);
  const models = options.models(connection);
  await ensureIndexes(connection);
  const tasks = (await options.onStart?.(models, connection)) ?? [];

  const verify =
    options.verifyAccessToken ??
    (options.usersUrl ? createAccessTokenVerifier({ usersUrl: options.usersUrl }) : null);
  const schema = buildSubgraphSchema(options.modules.map((m) => ({ typeDefs: m.typeDefs, resolvers: m.resolvers ?? {} })));

  const http = await startHttpService<TContext>({
    name: options.name,
    port: options.port,
    host: options.host,
    logger: options.logger,
    schema,
    readiness: { database: () => pingDatabase(connection), ...options.readiness },
    routes: options.routes ? (app) => options.routes!(app, models) : undefined,
    context: async (info) => {
      const viewer = verify ? await viewerFromAuthorization(info.req.headers.authorization, verify) : null;
      return options.context({ requestId: info.requestId, logger: info.logger, viewer }, models, info);
    },
  });

  return {
    url: http.url,
    port: http.port,
    models,
    connection,
    stop: async () => {
      for (const task of tasks) await task.stop();
      await http.stop();
      await connection.close();
    },
  };
}

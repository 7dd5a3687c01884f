import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Express } from 'express';
import { Kind, type DefinitionNode, type DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';
import type { Connection } from 'mongoose';
import { createAccessTokenVerifier, type AccessTokenVerifier } from './auth/access-token.js';
import { authenticate } from './auth/authenticate.js';
import type { Viewer } from './auth/viewer.js';
import { connectDatabase, ensureIndexes, pingDatabase } from './db/connect.js';
import { DEFAULT_REQUEST_DEADLINE_MS } from './db/deadline.js';
import { startHttpService, type ReadinessCheck, type RequestInfo } from './http/service.js';
import type { Logger } from './logger.js';
import type { RunningSubgraph } from './service.js';

/** What `buildSubgraphSchema` takes for one module (its resolver map type is not exported by name). */
type SchemaModule = Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { typeDefs: DocumentNode }>;

/**
 * One domain module of a subgraph: its slice of the schema and its resolvers. A module types its
 * resolvers with the service's generated `Resolvers` (src/generated/resolvers.ts), so arguments,
 * parents and results are checked against the schema where they are written.
 */
export interface SubgraphModule {
  typeDefs: DocumentNode;
  resolvers?: object;
}

/** The federation directives a subgraph may import. */
export type FederationDirective =
  '@key' | '@shareable' | '@external' | '@requires' | '@provides' | '@inaccessible' | '@override' | '@tag' | '@interfaceObject';

export const FEDERATION_VERSION = 'v2.7';

/**
 * The subgraph's one federation `@link`: the first entry of every service's `src/modules.ts`, so the
 * directives a service uses are imported in one place. The shared types (graphql/shared-types.ts)
 * need `@shareable`.
 */
export function federationModule(imports: readonly FederationDirective[]): SubgraphModule {
  const list = imports.map((name) => JSON.stringify(name)).join(', ');
  return { typeDefs: gql(`extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: [${list}])`) };
}

/** One subgraph's schema document from its modules, in order: what the service serves and composition reads. */
export function subgraphDocument(modules: readonly SubgraphModule[]): DocumentNode {
  const definitions: DefinitionNode[] = modules.flatMap((module) => module.typeDefs.definitions);
  return { kind: Kind.DOCUMENT, definitions };
}

/** What every subgraph request knows before the service adds its own (services, loaders). */
export interface BaseContext {
  requestId: string;
  logger: Logger;
  viewer: Viewer | null;
}

/** Something that runs beside the server (a periodic job, a consumer) and must stop with it. */
export interface BackgroundTask {
  stop(): Promise<void> | void;
}

export interface DatabaseOptions {
  logger: Logger;
  mongoUri: string;
  /** Database name on the server; each service owns one. */
  dbName: string;
}

export interface OpenDatabase<TModels> {
  connection: Connection;
  models: TModels;
}

/**
 * Start-up step 1: the service's own database, its models registered on the connection, and their
 * indexes created (unique indexes must exist before the first write).
 */
export async function openDatabase<TModels>(
  options: DatabaseOptions,
  models: (connection: Connection) => TModels,
): Promise<OpenDatabase<TModels>> {
  const connection = await connectDatabase(options.mongoUri, options.dbName, options.logger);
  const registered = models(connection);
  await ensureIndexes(connection);
  return { connection, models: registered };
}

export interface ServeOptions<TContext extends BaseContext> {
  name: string;
  port: number;
  host?: string | undefined;
  logger: Logger;
  connection: Connection;
  modules: readonly SubgraphModule[];
  /** The request context: the base (who is asking) plus what the service built at start-up. */
  context: (base: BaseContext, info: RequestInfo) => TContext;
  /** Verifies access tokens; defaults to the users service's JWKS at `usersUrl`. */
  verifyAccessToken?: AccessTokenVerifier | undefined;
  usersUrl?: string | undefined;
  /** Internal routes (service-to-service), mounted before /graphql. */
  routes?: (app: Express) => void;
  readiness?: Record<string, ReadinessCheck>;
  /** Started before traffic; stopped, in order, before the HTTP server and the database connection. */
  tasks?: readonly BackgroundTask[];
  /** How long one GraphQL request may work (db/deadline.ts); default DEFAULT_REQUEST_DEADLINE_MS (REQUEST_DEADLINE_MS). */
  requestDeadlineMs?: number | undefined;
}

export interface StartedSubgraph<TModels> extends RunningSubgraph {
  port: number;
  models: TModels;
  connection: Connection;
}

/**
 * Start-up's last step: the schema from the modules, a context that verifies the caller's access
 * token itself (a subgraph trusts no header for being inside the network), and the HTTP shell.
 */
export async function serveSubgraph<TModels, TContext extends BaseContext>(
  models: TModels,
  options: ServeOptions<TContext>,
): Promise<StartedSubgraph<TModels>> {
  const verify = options.verifyAccessToken ?? (options.usersUrl ? createAccessTokenVerifier({ usersUrl: options.usersUrl }) : null);
  // The modules' resolvers are typed by the generated `Resolvers` where they are written.
  const schema = buildSubgraphSchema(
    options.modules.map((m): SchemaModule => ({ typeDefs: m.typeDefs, resolvers: (m.resolvers ?? {}) as SchemaModule['resolvers'] })),
  );
  const { connection } = options;
  const http = await startHttpService<TContext>({
    name: options.name,
    port: options.port,
    host: options.host,
    logger: options.logger,
    schema,
    readiness: { database: () => pingDatabase(connection), ...options.readiness },
    routes: options.routes,
    requestDeadlineMs: options.requestDeadlineMs ?? DEFAULT_REQUEST_DEADLINE_MS,
    context: async (info) => {
      const viewer = verify ? await authenticate(info.req.headers.authorization, verify) : null;
      return options.context({ requestId: info.requestId, logger: info.logger, viewer }, info);
    },
  });
  return {
    url: http.url,
    port: http.port,
    models,
    connection,
    stop: async () => {
      for (const task of options.tasks ?? []) await task.stop();
      await http.stop();
      await connection.close();
    },
  };
}

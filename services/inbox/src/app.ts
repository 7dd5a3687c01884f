import { createMemberDirectory, openDatabase, serveSubgraph, type ServiceOptions, type StartedSubgraph } from '@gigmart/shared';
import { createContext, inboxModels, type InboxModels, type InboxServices } from './context.js';
import { subgraphModules } from './modules.js';
import { registerConversationRoutes, startCleanupJob } from './modules/conversations/index.js';

export interface InboxServiceOptions extends ServiceOptions {
  /** How often old opening windows and idempotency keys are deleted; 0: never by itself (tests call runCleanup). */
  cleanupIntervalMs?: number;
}

export type StartedInboxService = StartedSubgraph<InboxModels> & {
  /** Runs the cleanup of old opening windows and idempotency keys now. */
  runCleanup(): Promise<void>;
};

/** The database, the collaborators every request shares, then the subgraph over HTTP. */
export async function startInboxService(options: InboxServiceOptions): Promise<StartedInboxService> {
  const { logger, serviceToken } = options;
  const { connection, models } = await openDatabase({ logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'inbox' }, inboxModels);
  const services: InboxServices = {
    models,
    clock: options.clock ?? (() => new Date()),
    members: createMemberDirectory({ usersUrl: options.urls.users, serviceToken }),
  };
  const cleanup = startCleanupJob({ services, logger, intervalMs: options.cleanupIntervalMs });
  try {
    const started = await serveSubgraph(models, {
      name: 'inbox',
      port: options.port,
      host: options.host,
      logger,
      connection,
      modules: subgraphModules,
      verifyAccessToken: options.verifyAccessToken,
      usersUrl: options.urls.users,
      context: (base) => createContext(base, services),
      routes: (app) =>
        registerConversationRoutes(app, {
          serviceToken,
          context: (req) => createContext({ requestId: req.requestId, logger: req.log, viewer: null }, services),
        }),
      tasks: [cleanup],
    });
    return Object.assign(started, { runCleanup: () => cleanup.runOnce() });
  } catch (error) {
    await cleanup.stop();
    await connection.close();
    throw error;
  }
}

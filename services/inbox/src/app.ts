import { randomUUID } from 'node:crypto';
import {
  createMemberDirectory,
  openDatabase,
  serveSubgraph,
  subscribeNatsEvents,
  type BackgroundTask,
  type DomainEvent,
  type EventHandler,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { createContext, inboxModels, type InboxModels, type InboxServices } from './context.js';
import { subgraphModules } from './modules.js';
import { registerConversationRoutes, startCleanupJob } from './modules/conversations/index.js';
import { applyOfferEvents, registerOfferEventRoutes } from './modules/offers/index.js';

export interface InboxServiceOptions extends ServiceOptions {
  /** How often old opening windows and idempotency keys are deleted; 0: never by itself (tests call runCleanup). */
  cleanupIntervalMs?: number;
  /**
   * The orders service's offer events: always taken over HTTP (POST /internal/events, service
   * credential), and also pulled from NATS JetStream (durable consumer "inbox") when `natsUrl` is set.
   */
  events?: {
    natsUrl?: string;
    natsStream?: string;
    natsSubjectPrefix?: string;
    /** Sees every batch before it is applied (tests). */
    observe?: (events: DomainEvent[]) => void;
  };
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
  const tasks: BackgroundTask[] = [cleanup];
  // Work no member asked for runs with a context of its own, without a viewer.
  const onOfferEvents: EventHandler = async (events) => {
    options.events?.observe?.(events);
    await applyOfferEvents(createContext({ requestId: randomUUID(), logger, viewer: null }, services), events);
  };
  try {
    const natsUrl = options.events?.natsUrl;
    if (natsUrl) {
      const subscription = await subscribeNatsEvents({
        servers: natsUrl,
        stream: options.events?.natsStream,
        subjectPrefix: options.events?.natsSubjectPrefix,
        durable: 'inbox',
        logger,
        handler: onOfferEvents,
      });
      tasks.push({ stop: () => subscription.close() });
    }
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
      routes: (app) => {
        registerConversationRoutes(app, {
          serviceToken,
          context: (req) => createContext({ requestId: req.requestId, logger: req.log, viewer: null }, services),
        });
        registerOfferEventRoutes(app, { serviceToken, logger, handler: onOfferEvents });
      },
      tasks,
    });
    return Object.assign(started, { runCleanup: () => cleanup.runOnce() });
  } catch (error) {
    for (const task of tasks.reverse()) await task.stop();
    await connection.close();
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import {
  createLivePublisher,
  createMemberDirectory,
  fetchMailRecipients,
  mediaClientFor,
  openDatabase,
  runMigrationOnce,
  serveSubgraph,
  subscribeNatsEvents,
  type BackgroundTask,
  type EventHandler,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { createContext, inboxModels, type InboxModels, type InboxServices } from './context.js';
import { subgraphModules } from './modules.js';
import { registerConversationRoutes, startCleanupJob } from './modules/conversations/index.js';
import { createLiveChannel, NO_LIVE } from './modules/live/index.js';
import {
  applyOrderEvents,
  registerOrderEventRoutes,
  startLateOrdersJob,
  backfillMailDueAt,
  startNotificationMailer,
  type LateOrdersJob,
  type MailTransport,
  type NotificationMailer,
} from './modules/notifications/index.js';
import { applyOfferEvents } from './modules/offers/index.js';

export interface InboxServiceOptions extends ServiceOptions {
  /** How often old opening windows and idempotency keys are deleted; 0: never by itself (tests call runCleanup). */
  cleanupIntervalMs?: number;
  /** How often the late orders job runs; 0: never by itself (tests call lateOrders.runOnce). */
  lateOrdersIntervalMs?: number;
  /**
   * The orders service's events (orders and offers): pushed to /internal/events over HTTP, and also pulled from NATS JetStream
   * (durable consumer "inbox") when `natsUrl` is set, where the live events then go too.
   */
  events?: { natsUrl?: string; natsStream?: string; natsSubjectPrefix?: string; liveSubjectPrefix?: string };
  /**
   * Notification mail (modules/notifications/mail.ts). Without a transport no mail is sent: the
   * notifications keep their PENDING mail for an instance that has one.
   */
  mail?: { transport?: MailTransport; from?: string; webUrl?: string; intervalMs?: number };
}

export type StartedInboxService = StartedSubgraph<InboxModels> & {
  /** Runs the cleanup of old opening windows and idempotency keys now. */
  runCleanup(): Promise<void>;
  lateOrders: LateOrdersJob;
  /** The notification mailer; null without a mail transport. */
  mailer: NotificationMailer | null;
};

/** The database, the collaborators every request shares, then the subgraph over HTTP. */
export async function startInboxService(options: InboxServiceOptions): Promise<StartedInboxService> {
  const { logger, serviceToken } = options;
  const natsUrl = options.events?.natsUrl;
  const { connection, models } = await openDatabase({ logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'inbox' }, inboxModels);
  const tasks: BackgroundTask[] = [];
  try {
    const livePublisher = await createLivePublisher({
      natsUrl,
      gatewayUrl: options.urls.gateway,
      serviceToken,
      subjectPrefix: options.events?.liveSubjectPrefix,
    });
    if (livePublisher) tasks.push({ stop: () => livePublisher.close() });
    const clock = options.clock ?? (() => new Date());
    const backfilled = await runMigrationOnce(connection, 'inbox.mail-due-at', () => backfillMailDueAt(models.Notification));
    if (backfilled) logger.info({ notifications: backfilled }, 'notification mail: due times set on mail made before they existed');
    const mailer = options.mail?.transport
      ? startNotificationMailer({
          Notification: models.Notification,
          transport: options.mail.transport,
          recipients: (ids) => fetchMailRecipients(options.urls.users, ids, { serviceToken }),
          logger,
          clock,
          from: options.mail.from ?? 'Gigmart <no-reply@gigmart.local>',
          webUrl: options.mail.webUrl ?? 'http://127.0.0.1:5173',
          intervalMs: options.mail.intervalMs ?? 5_000,
        })
      : null;
    if (mailer) {
      tasks.push(mailer);
      logger.info({ transport: options.mail!.transport!.name }, 'notification mail');
    }
    const services: InboxServices = {
      models,
      clock,
      members: createMemberDirectory({ usersUrl: options.urls.users, serviceToken }),
      live: livePublisher ? createLiveChannel(livePublisher, logger) : NO_LIVE,
      mailer: mailer ?? { wake() {} },
      media: mediaClientFor(options.urls.media, serviceToken),
    };
    const systemContext = (requestId: string) => createContext({ requestId, logger, viewer: null }, services);
    // One receiver for the orders service's relay (HTTP or NATS): its order events make
    // notifications, its offer events add the offers' messages (and their notifications).
    const handleOrderEvents: EventHandler = async (events) => {
      const ctx = systemContext(`order-events-${randomUUID()}`);
      await applyOfferEvents(ctx, events);
      await applyOrderEvents(ctx, events);
    };
    const cleanup = startCleanupJob({ services, logger, intervalMs: options.cleanupIntervalMs });
    const lateOrders = startLateOrdersJob({ services, logger, intervalMs: options.lateOrdersIntervalMs });
    tasks.push(cleanup, lateOrders);
    if (natsUrl) {
      const subscription = await subscribeNatsEvents({
        servers: natsUrl,
        stream: options.events?.natsStream,
        subjectPrefix: options.events?.natsSubjectPrefix,
        durable: 'inbox',
        handler: handleOrderEvents,
        logger,
      });
      tasks.unshift({ stop: () => subscription.close() });
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
        registerOrderEventRoutes(app, { serviceToken, logger, handler: handleOrderEvents });
      },
      tasks,
    });
    return Object.assign(started, { runCleanup: () => cleanup.runOnce(), lateOrders, mailer });
  } catch (error) {
    for (const task of tasks) await task.stop();
    await connection.close();
    throw error;
  }
}

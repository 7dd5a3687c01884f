import {
  askHasWritten,
  mediaClientFor,
  createFanOutPublisher,
  createHttpEventPublisher,
  createMemberDirectory,
  createNatsEventPublisher,
  lookupGigs,
  openDatabase,
  reportOutboxBacklog,
  serveSubgraph,
  type BackgroundTask,
  type EventPublisher,
  ORDER_FACT_TYPES,
  runMigrationOnce,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { TRACK_RECORD_TTL_MS } from './config.js';
import { createContext, ordersModels, type OrdersContext, type OrdersModels, type OrdersServices } from './context.js';
import { subgraphModules } from './modules.js';
import { completeAtOnce, createLedgerSweep, migrateEarnings, type LedgerSweep, type PayoutProvider } from './modules/money/index.js';
import { createOfferExpiryJob, type OfferExpiryJob } from './modules/offers/index.js';
import { createAutoCompletionJob, registerFactsRoute, type AutoCompletionJob } from './modules/orders/index.js';
import { createOutboxRelay, type OutboxRelay, type RelayOptions } from './modules/outbox/index.js';
import { createTrackRecordCache } from './modules/track-record/index.js';

export interface OrdersServiceOptions extends ServiceOptions {
  /** How often the auto-completion job runs; 0 turns it off (tests call its runOnce instead). */
  autoCompleteIntervalMs?: number;
  /** How often PENDING offers past their expiry are marked EXPIRED; 0 turns it off (tests call its runOnce instead). */
  offerExpiryIntervalMs?: number;
  /** How long sellers' order totals and ratings are kept (modules/track-record/cache.ts); 0 keeps nothing. */
  trackRecordTtlMs?: number;
  /** How often left-over ledger lines are applied (modules/money/ledger.ts); 0: only at start-up (tests call runOnce). */
  ledgerSweepIntervalMs?: number;
  /** Pays withdrawals out; by default every withdrawal completes at once (no provider is connected). */
  payout?: PayoutProvider;
  /** false: requests leave their ledger lines to the sweep, as a crash right after the change would (tests). */
  applyLedgerAtOnce?: boolean;
  /**
   * Order and offer events: NATS JetStream when `natsUrl` is set (the gigs and inbox services read
   * the stream, every gateway listens), else HTTP to `urls.gigs` (its facts), `urls.inbox` (every
   * event: the notifications and the offers' messages) and, best effort, `urls.gateway` (live updates).
   */
  events?: {
    natsUrl?: string;
    /** JetStream stream and subject prefix (tests use their own). */
    natsStream?: string;
    natsSubjectPrefix?: string;
    /** false: no relay loop in this instance (tests drive `relay.runOnce`). */
    relay?: boolean;
    relayOptions?: Pick<RelayOptions, 'pollMs' | 'leaseMs' | 'backoffBaseMs' | 'backoffMaxMs' | 'instanceId'>;
  };
}

export type StartedOrdersService = StartedSubgraph<OrdersModels> & {
  autoCompletion: AutoCompletionJob;
  relay: OutboxRelay;
  /** Publishes the offers' events (through the same publisher as `relay`). */
  offerRelay: OutboxRelay;
  offerExpiry: OfferExpiryJob;
  ledgerSweep: LedgerSweep;
};

/** The database, then the collaborators every request and job shares (clients of gigs and users), then the HTTP service. */
export async function startOrdersService(options: OrdersServiceOptions): Promise<StartedOrdersService> {
  const { logger, serviceToken } = options;
  const events = options.events ?? {};
  const { connection, models } = await openDatabase(
    { logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'orders' },
    ordersModels,
  );

  const trackRecord = createTrackRecordCache(options.trackRecordTtlMs ?? TRACK_RECORD_TTL_MS);
  // A change recorded here makes this instance forget the seller's figures at once.
  const forgetChanged = models.outboxSignal.subscribe((sellerId) => trackRecord.forget(sellerId));
  const services: OrdersServices = {
    models,
    clock: options.clock ?? (() => new Date()),
    trackRecord,
    lookupGigs: (ids, requestId) => lookupGigs(options.urls.gigs, ids, { serviceToken, ...(requestId ? { requestId } : {}) }),
    members: createMemberDirectory({ usersUrl: options.urls.users, serviceToken }),
    media: mediaClientFor(options.urls.media, serviceToken),
    hasWritten: (request, requestId) => {
      const inboxUrl = options.urls.inbox;
      // Without an inbox no seller can be shown to have been written to: sending an offer is unavailable.
      if (!inboxUrl) return Promise.reject(new Error('no inbox URL configured'));
      return askHasWritten(inboxUrl, request, { serviceToken, ...(requestId ? { requestId } : {}) });
    },
    payout: options.payout ?? completeAtOnce,
    applyLedgerAtOnce: options.applyLedgerAtOnce ?? true,
  };
  // The ledger before serving: earnings of orders completed before it existed are migrated (once per
  // database, recorded in its `migrations`), and lines a crash left half-written are applied.
  const migrated = await runMigrationOnce(connection, 'orders.earnings-in-ledger', () => migrateEarnings(models));
  if (migrated) logger.info({ migrated }, 'ledger: migrated the earnings of orders completed before it');
  const ledgerSweep = createLedgerSweep(models, services.payout, services.clock, logger);
  await ledgerSweep.runOnce();
  const publisher: EventPublisher = events.natsUrl
    ? await createNatsEventPublisher({ servers: events.natsUrl, stream: events.natsStream, subjectPrefix: events.natsSubjectPrefix })
    : createFanOutPublisher({
        logger,
        required: [
          {
            publisher: createHttpEventPublisher({ consumerUrl: options.urls.gigs, serviceToken }),
            accepts: (event) => (ORDER_FACT_TYPES as readonly string[]).includes(event.type),
          },
          ...(options.urls.inbox ? [{ publisher: createHttpEventPublisher({ consumerUrl: options.urls.inbox, serviceToken }) }] : []),
        ],
        bestEffort: options.urls.gateway
          ? [{ publisher: createHttpEventPublisher({ consumerUrl: options.urls.gateway, serviceToken, timeoutMs: 2000 }) }]
          : [],
      });
  const relay = createOutboxRelay({ Order: models.Order, publisher, logger, signal: models.outboxSignal, ...events.relayOptions });
  // The offers' outboxes (modules/offers) go out the same way: the same publisher, so over HTTP
  // the inbox (and, best effort, the gateway) gets them and the gigs service does not.
  const offerRelay = createOutboxRelay({
    Order: models.Offer,
    publisher,
    logger,
    signal: models.outboxSignal,
    ...events.relayOptions,
  });
  logger.info({ transport: publisher.name, instanceId: relay.instanceId }, 'outbox relays ready');
  const autoCompletion = createAutoCompletionJob(services, logger);
  const offerExpiry = createOfferExpiryJob(services, logger);
  // /metrics: gigmart_outbox_backlog_events and gigmart_outbox_oldest_pending_age_seconds, read at each scrape.
  const stopBacklogReports = [
    reportOutboxBacklog('orders', () => relay.backlog()),
    reportOutboxBacklog('orders', () => offerRelay.backlog()),
  ];

  // Stopped in this order before the HTTP server and the database connection.
  const tasks: BackgroundTask[] = [
    ...(options.autoCompleteIntervalMs === 0 ? [] : [autoCompletion.start(options.autoCompleteIntervalMs)]),
    ...(options.offerExpiryIntervalMs === 0 ? [] : [offerExpiry.start(options.offerExpiryIntervalMs)]),
    ...(options.ledgerSweepIntervalMs === 0 ? [] : [ledgerSweep.start(options.ledgerSweepIntervalMs)]),
    ...(events.relay === false ? [] : [relay.start(), offerRelay.start()]),
    {
      stop: async () => {
        await publisher.close();
        forgetChanged();
        for (const stop of stopBacklogReports) stop();
      },
    },
  ];

  const started = await serveSubgraph<OrdersModels, OrdersContext>(models, {
    name: 'orders',
    port: options.port,
    host: options.host,
    logger,
    connection,
    modules: subgraphModules,
    usersUrl: options.urls.users,
    verifyAccessToken: options.verifyAccessToken,
    routes: (app) => registerFactsRoute(app, { models, serviceToken }),
    readiness: {
      // Reported, never failing: a backlog means the gigs service is behind, not that orders is unfit.
      relay: async () => ({ ok: true, detail: await relay.backlog() }),
      offerRelay: async () => ({ ok: true, detail: await offerRelay.backlog() }),
    },
    context: (base) => createContext(base, services),
    tasks,
  });
  return Object.assign(started, { autoCompletion, relay, offerRelay, offerExpiry, ledgerSweep });
}

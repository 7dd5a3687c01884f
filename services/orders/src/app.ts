import {
  createHttpEventPublisher,
  createNatsEventPublisher,
  lookupGigs,
  startSubgraph,
  type EventPublisher,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { createContext, type OrdersContext, type OrdersDeps, type OrdersModels } from './context.js';
import { createAutoCompletionJob, type AutoCompletionJob } from './modules/orders/auto-complete.js';
import { messageModel } from './modules/messages/model.js';
import { orderModel } from './modules/orders/model.js';
import { registerFactsRoute } from './modules/orders/routes.js';
import { createOutboxRelay, type OutboxRelay, type RelayOptions } from './modules/outbox/relay.js';
import { createOutboxSignal } from './modules/outbox/signal.js';
import { createTrackRecordCache } from './modules/track-record/cache.js';
import { TRACK_RECORD_TTL_MS } from './config.js';
import { subgraphModules } from './modules.js';
import { reviewModel } from './modules/reviews/model.js';

export interface OrdersServiceOptions extends ServiceOptions {
  /** How often the auto-completion job runs; 0 turns it off (tests call its runOnce instead). */
  autoCompleteIntervalMs?: number;
  /** How long sellers' order totals and ratings are kept (track-record/cache.ts); 0 keeps nothing. */
  trackRecordTtlMs?: number;
  /** Events to the gigs service: NATS JetStream when `natsUrl` is set, else HTTP to `urls.gigs`. */
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

export function ordersModels(connection: Parameters<typeof orderModel>[0]): OrdersModels {
  return { Order: orderModel(connection), Message: messageModel(connection), Review: reviewModel(connection), outboxSignal: createOutboxSignal() };
}

export type StartedOrdersService = StartedSubgraph<OrdersModels> & { autoCompletion: AutoCompletionJob; relay: OutboxRelay };

export async function startOrdersService(options: OrdersServiceOptions): Promise<StartedOrdersService> {
  const clock = options.clock ?? (() => new Date());
  const deps: OrdersDeps = {
    clock,
    trackRecord: createTrackRecordCache(options.trackRecordTtlMs ?? TRACK_RECORD_TTL_MS),
    lookupGigs: (ids, requestId) =>
      lookupGigs(options.urls.gigs, ids, { serviceToken: options.serviceToken, ...(requestId ? { requestId } : {}) }),
  };
  let job: AutoCompletionJob | null = null;
  let relay: OutboxRelay | null = null;
  const events = options.events ?? {};
  const started = await startSubgraph<OrdersModels, OrdersContext>({
    name: 'orders',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'orders',
    usersUrl: options.urls.users,
    verifyAccessToken: options.verifyAccessToken,
    models: ordersModels,
    modules: subgraphModules,
    routes: (app, models) => registerFactsRoute(app, { Order: models.Order, Review: models.Review, serviceToken: options.serviceToken }),
    readiness: {
      // Reported, never failing: a backlog means the gigs service is behind, not that orders is unfit.
      relay: async () => ({ ok: true, detail: relay ? await relay.backlog() : { pending: 0, oldestPendingAgeMs: 0, transport: 'none' } }),
    },
    onStart: async (models) => {
      const forgetChanged = models.outboxSignal.subscribe((sellerId) => deps.trackRecord.forget(sellerId));
      job = createAutoCompletionJob(models, clock, options.logger);
      const publisher: EventPublisher = events.natsUrl
        ? await createNatsEventPublisher({ servers: events.natsUrl, stream: events.natsStream, subjectPrefix: events.natsSubjectPrefix })
        : createHttpEventPublisher({ consumerUrl: options.urls.gigs, serviceToken: options.serviceToken });
      relay = createOutboxRelay({ Order: models.Order, publisher, logger: options.logger, signal: models.outboxSignal, ...events.relayOptions });
      options.logger.info({ transport: publisher.name, instanceId: relay.instanceId }, 'outbox relay ready');
      const relayTask = events.relay === false ? { stop: () => {} } : relay.start();
      const interval = options.autoCompleteIntervalMs ?? undefined;
      return [
        ...(interval === 0 ? [] : [job.start(interval)]),
        { stop: async () => { await relayTask.stop(); await publisher.close(); forgetChanged(); } },
      ];
    },
    context: (base, models) => createContext(base, models, deps),
  });
  return Object.assign(started, { autoCompletion: job!, relay: relay! });
}

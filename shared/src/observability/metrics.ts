import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of a process, served at GET /metrics by the HTTP shell of every process
 * (http/service.ts). One registry per process: every series carries the `service` (or `database`,
 * `subgraph`) it is about, so a process that runs several services (the tests' in-process stack)
 * still tells them apart, and a deployment's processes (one service each) add up in Prometheus.
 *
 * Label values are bounded: operation names are kept only when they look like names and only the
 * first MAX_OPERATION_NAMES of them (the rest count as `other`), routes are the known ones, so a
 * client cannot grow the registry without bound.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'gigmart_' });

/** Seconds: from a fast in-memory answer (1 ms) to the gateway's subgraph timeout (10 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds an event took from being recorded to being applied by its consumer. */
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

export const httpRequests = new Counter({
  name: 'gigmart_http_requests_total',
  help: 'HTTP requests answered, by service, method, route and status code',
  labelNames: ['service', 'method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpRequestDuration = new Histogram({
  name: 'gigmart_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, by service, method and route',
  labelNames: ['service', 'method', 'route'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const graphqlOperations = new Counter({
  name: 'gigmart_graphql_operations_total',
  help: 'GraphQL operations executed, by service, operation name, type and outcome (ok: no error; error: at least one)',
  labelNames: ['service', 'operation', 'type', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const graphqlOperationDuration = new Histogram({
  name: 'gigmart_graphql_operation_duration_seconds',
  help: 'Time from receiving a GraphQL operation to its response, by service, operation name and type',
  labelNames: ['service', 'operation', 'type'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const graphqlErrors = new Counter({
  name: 'gigmart_graphql_errors_total',
  help: 'Errors in GraphQL responses, by service, operation name and extensions.code',
  labelNames: ['service', 'operation', 'code'] as const,
  registers: [metricsRegistry],
});

export const subgraphFetches = new Counter({
  name: 'gigmart_subgraph_fetches_total',
  help: 'Calls from the gateway to a subgraph, by subgraph and outcome (ok, graphql_error, http_error, timeout, unreachable)',
  labelNames: ['subgraph', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const gatewayResponseCache = new Counter({
  name: 'gigmart_gateway_response_cache_total',
  help: "Anonymous queries the gateway's response cache saw, by outcome: hit (a kept answer), stale (the previous answer while a new one is made), joined (waited for an identical request's answer), miss (went through)",
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const gatewayPassThrough = new Counter({
  name: 'gigmart_gateway_pass_through_total',
  help: "Operations the gateway sent on to their one subgraph without planning or merging (pass-through.ts), by outcome: answered (the subgraph's answer went back as it was), fell_back (an error or an unusual answer: the usual execution made the answer from it)",
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const subgraphFetchDuration = new Histogram({
  name: 'gigmart_subgraph_fetch_duration_seconds',
  help: 'Time of a call from the gateway to a subgraph, by subgraph',
  labelNames: ['subgraph'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const databaseCommandDuration = new Histogram({
  name: 'gigmart_db_command_duration_seconds',
  help: 'Time of a database command as the driver measured it, by database, command and outcome (ok, error)',
  labelNames: ['database', 'command', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [metricsRegistry],
});

export const eventsApplied = new Counter({
  name: 'gigmart_events_applied_total',
  help: 'Events a consumer applied or failed to apply, by consumer, event type, transport and outcome (ok, error)',
  labelNames: ['consumer', 'type', 'transport', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const eventLag = new Histogram({
  name: 'gigmart_event_lag_seconds',
  help: 'Time from an event being recorded (occurredAt) to its consumer having applied it, by consumer and event type',
  labelNames: ['consumer', 'type'] as const,
  buckets: LAG_BUCKETS,
  registers: [metricsRegistry],
});

export const openSubscriptions = new Gauge({
  name: 'gigmart_subscriptions_open',
  help: 'GraphQL subscriptions open on this process, by service',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});

/** What an outbox reports when scraped: undelivered events and the age of the oldest one. */
export interface OutboxBacklogReport {
  pending: number;
  oldestPendingAgeMs: number;
}
type BacklogSource = { service: string; read: () => Promise<OutboxBacklogReport> };
const backlogSources = new Set<BacklogSource>();

type BacklogRead = Array<{ service: string; report: OutboxBacklogReport }>;
let lastRead: { at: number; result: Promise<BacklogRead> } | null = null;

/** Every registered outbox, read once per scrape (both gauges share the read of the last second). */
function readBacklogs(): Promise<BacklogRead> {
  const now = Date.now();
  if (!lastRead || now - lastRead.at > 1000) lastRead = { at: now, result: readBacklogsNow() };
  return lastRead.result;
}

/** A source that fails is left out of that scrape. */
async function readBacklogsNow(): Promise<BacklogRead> {
  const reads = await Promise.all(
    [...backlogSources].map(async (source) => {
      try {
        return { service: source.service, report: await source.read() };
      } catch {
        return null;
      }
    }),
  );
  return reads.filter((read) => read !== null);
}

export const outboxBacklog = new Gauge({
  name: 'gigmart_outbox_backlog_events',
  help: 'Events recorded in an outbox and not yet acknowledged by the transport, by service',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const { service, report } of await readBacklogs()) this.inc({ service }, report.pending);
  },
});

export const outboxOldestAge = new Gauge({
  name: 'gigmart_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest undelivered outbox event (0 when none), by service: how far behind its consumers are',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    const oldest = new Map<string, number>();
    for (const { service, report } of await readBacklogs()) {
      oldest.set(service, Math.max(oldest.get(service) ?? 0, report.oldestPendingAgeMs / 1000));
    }
    for (const [service, seconds] of oldest) this.set({ service }, seconds);
  },
});

/** Publishes an outbox's backlog as gauges, read at each scrape; the returned function stops it. */
export function reportOutboxBacklog(service: string, read: () => Promise<OutboxBacklogReport>): () => void {
  const source = { service, read };
  backlogSources.add(source);
  return () => backlogSources.delete(source);
}

/** At most this many distinct operation names per service are kept as label values. */
export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const seenOperations = new Map<string, Set<string>>();

/** The label value for a client's operation name: the name, `anonymous`, or `other` past the cap. */
export function operationLabel(service: string, name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!OPERATION_NAME.test(name)) return 'other';
  let seen = seenOperations.get(service);
  if (!seen) {
    seen = new Set();
    seenOperations.set(service, seen);
  }
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}

/** An event handler that counts what it applied and how long after `occurredAt` each event was applied. */
export function measureEventHandler<E extends { type: string; occurredAt: string }>(
  consumer: string,
  transport: string,
  handler: (events: E[]) => Promise<void>,
): (events: E[]) => Promise<void> {
  return async (events) => {
    try {
      await handler(events);
    } catch (error) {
      for (const event of events) eventsApplied.inc({ consumer, type: event.type, transport, outcome: 'error' });
      throw error;
    }
    const now = Date.now();
    for (const event of events) {
      eventsApplied.inc({ consumer, type: event.type, transport, outcome: 'ok' });
      const at = Date.parse(event.occurredAt);
      if (Number.isFinite(at)) eventLag.observe({ consumer, type: event.type }, Math.max(0, now - at) / 1000);
    }
  };
}

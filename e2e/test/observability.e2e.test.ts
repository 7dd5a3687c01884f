/**
 * Observability across processes: the stack as `npm start` runs it (each process on its own, from
 * source), every process exporting its spans over OTLP/HTTP to a small receiver in this test. One
 * request through the gateway is one trace, with spans from the gateway and from each subgraph it
 * called (their database commands included), and every process serves its Prometheus metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStack, type ProcessStack } from '@gigmart/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Actor } from './actors.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: Array<{ key: string; value: OtlpValue }>;
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
}
interface OtlpBody {
  resourceSpans?: Array<{
    resource?: { attributes?: Array<{ key: string; value: OtlpValue }> };
    scopeSpans?: Array<{ spans?: OtlpSpan[] }>;
  }>;
}

const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value.stringValue;
/** OTLP's span kinds: 2 server, 3 client. */
const SERVER = 2;
const CLIENT = 3;

/** A minimal OTLP/HTTP receiver (JSON): POST /v1/traces, every span kept with its service's name. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpBody;
      for (const resource of body.resourceSpans ?? []) {
        const service = resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
        for (const scope of resource.scopeSpans ?? []) for (const span of scope.spans ?? []) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

async function within<T>(ms: number, what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const result = check();
    if (result !== undefined) return result;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

// The subgraphs the observed query reaches (media answers none of it).
const SUBGRAPHS = ['users', 'gigs', 'orders', 'inbox'] as const;
// Each field reads its subgraph's database: a gig by id (a search is answered from the gigs
// process's in-memory index, with no database command when nothing matches).
const OBSERVED = `query Observed {
  me { username }
  gig(id: "0123456789abcdef01234567") { title }
  myOrders(role: BUYER, first: 1) { totalCount }
  inboxCounts { unreadConversations }
}`;

describe('one request through the gateway, observed', () => {
  let dataDir: string;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let stack: ProcessStack;
  let member: Actor;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-otel-'));
    receiver = await startOtlpReceiver();
    stack = await startStack({
      mode: 'processes',
      from: 'source',
      processes: ['users', 'gigs', 'orders', 'inbox', 'media', 'gateway'],
      mongoUrl: process.env['MONGO_URL'],
      dataDir,
      ephemeralDatabase: true,
      output: 'json',
      restart: false,
      env: {
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        // Export every 100 ms rather than every 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
    member = await signUp(stack);
  });
  afterAll(async () => {
    await stack?.stop();
    receiver?.server.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is one trace with spans from the gateway and every subgraph it touched, down to their database commands', async () => {
    const requestId = `observed-${Date.now()}`;
    const response = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${member.accessToken}`, 'x-request-id': requestId },
      body: JSON.stringify({ query: OBSERVED, operationName: 'Observed' }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();

    // Every process's server span for this request, tagged with the request id the gateway passed on.
    const servers = await within(20_000, 'server spans of the gateway and the four subgraphs', () => {
      const found = receiver.spans.filter((s) => s.kind === SERVER && attribute(s, 'gigmart.request_id') === requestId);
      const services = new Set(found.map((s) => s.service));
      return ['gateway', ...SUBGRAPHS].every((name) => services.has(name)) ? found : undefined;
    });
    const traceIds = new Set(servers.map((s) => s.traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = [...traceIds];

    // Let the database spans of the last subgraph arrive too, then look at the whole trace.
    const trace = await within(10_000, 'database spans of every subgraph', () => {
      const spans = receiver.spans.filter((s) => s.traceId === traceId);
      const withDb = new Set(spans.filter((s) => attribute(s, 'db.system.name') === 'mongodb').map((s) => s.service));
      return SUBGRAPHS.every((name) => withDb.has(name)) ? spans : undefined;
    });
    const byId = new Map(trace.map((s) => [s.spanId, s]));

    const gatewayRoot = servers.find((s) => s.service === 'gateway')!;
    expect(gatewayRoot.parentSpanId ?? '').toBe('');
    expect(gatewayRoot.name).toBe('query Observed');
    for (const name of SUBGRAPHS) {
      // The gateway's fetch span, and the subgraph's server span as its child: traceparent was propagated.
      const fetches = trace.filter((s) => s.service === 'gateway' && s.kind === CLIENT && attribute(s, 'gigmart.subgraph') === name);
      expect(fetches.length, `gateway fetches of ${name}`).toBeGreaterThan(0);
      const server = servers.find((s) => s.service === name)!;
      expect(byId.get(server.parentSpanId ?? '')?.service, `parent of ${name}'s server span`).toBe('gateway');
      // Each database span of the subgraph descends from its server span.
      const dbSpans = trace.filter((s) => s.service === name && attribute(s, 'db.system.name') === 'mongodb');
      for (const span of dbSpans) {
        let parent = byId.get(span.parentSpanId ?? '');
        while (parent && parent.spanId !== server.spanId) parent = byId.get(parent.parentSpanId ?? '');
        expect(parent?.spanId, `${span.name} under ${name}'s server span`).toBe(server.spanId);
      }
    }
    // Nothing of this request went into another trace.
    expect(receiver.spans.filter((s) => attribute(s, 'gigmart.request_id') === requestId && s.traceId !== traceId)).toEqual([]);
  });

  it('serves Prometheus metrics on /metrics of every process', async () => {
    const gateway = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
    expect(gateway).toMatch(/^gigmart_graphql_operations_total\{service="gateway",operation="Observed",type="query",outcome="ok"\} \d+/m);
    expect(gateway).toMatch(/^gigmart_graphql_operation_duration_seconds_bucket\{le="[\d.]+",service="gateway",operation="Observed"/m);
    for (const name of SUBGRAPHS) {
      expect(gateway).toMatch(new RegExp(`^gigmart_subgraph_fetches_total\\{subgraph="${name}",outcome="ok"\\} \\d+`, 'm'));
      expect(gateway).toMatch(new RegExp(`^gigmart_subgraph_fetch_duration_seconds_count\\{subgraph="${name}"\\} \\d+`, 'm'));
    }
    expect(gateway).toMatch(/^gigmart_http_requests_total\{service="gateway",method="POST",route="\/graphql",status="200"\} \d+/m);

    for (const name of SUBGRAPHS) {
      const text = await (await fetch(`${stack.urls[name]}/metrics`)).text();
      expect(text).toMatch(new RegExp(`^gigmart_graphql_operations_total\\{service="${name}",`, 'm'));
      expect(text).toMatch(/^gigmart_db_command_duration_seconds_count\{database="[^"]+",command="[a-zA-Z]+",outcome="ok"\} \d+/m);
      expect(text).toMatch(/^# TYPE gigmart_subscriptions_open gauge/m);
      expect(text).toMatch(/^gigmart_process_resident_memory_bytes \d+/m);
    }
    const orders = await (await fetch(`${stack.urls.orders}/metrics`)).text();
    expect(orders).toMatch(/^gigmart_outbox_backlog_events\{service="orders"\} 0/m);
    expect(orders).toMatch(/^gigmart_outbox_oldest_pending_age_seconds\{service="orders"\} 0/m);
  });
});

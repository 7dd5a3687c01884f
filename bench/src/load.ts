import autocannon, { type Result } from 'autocannon';
import { cpuPerRequest, cpuTimes } from './cpu.js';
import { bodyHasErrors, type Operation } from './operations.js';
import type { WireCounter } from './wire-counter.js';

export interface LoadOptions {
  url: string;
  operation: Operation;
  token: string | null;
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of the same load before, not measured (JIT, connection pools, query plans, caches). */
  warmup: number;
  counters: WireCounter[];
  /** Called between warm-up and measurement (to let the warm-up's abandoned requests finish). */
  settle?: () => Promise<unknown>;
  /** Commands per second the services send with no request in flight: subtracted. */
  idleCommandsPerSecond?: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  /** Sent in the window but not answered by its end: a database-bound run shows here, not in errors. */
  unanswered: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  errors: { total: number; non2xx: number; graphql: number; transport: number; sample: string | null };
  dbCommandsPerRequest: number;
  dbCommandsByName: Record<string, number>;
  /**
   * By command and collection (`find gigs`), from the same sequential requests: commands per request
   * and the database's milliseconds per request for them (background jobs' commands included, rarely).
   */
  dbMsByCommand: Record<string, { perRequest: number; ms: number }>;
  /** CPU ms per answered request, by process (cpu.ts), over the measured window. */
  cpuMsPerRequest: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function fire(options: LoadOptions, duration: number, onResponse?: (status: number, body: string) => void) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  return new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        headers,
        body: options.operation.body(),
        connections: options.connections,
        duration,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({ ...request, body: options.operation.body() }),
            ...(onResponse ? { onResponse } : {}),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Latencies per response (autocannon's histogram has no p95).
    if (onResponse) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
}

let latencies: number[] = [];

/**
 * Database commands per request, from requests sent one at a time (nothing else in flight, the
 * services' idle background rate subtracted): exact whatever the latency, unlike dividing a loaded
 * window's commands by the responses that happened to finish inside it.
 */
export async function commandsPerRequest(
  options: LoadOptions,
  samples = 5,
): Promise<{ perRequest: number; byName: Record<string, number>; msByCommand: Record<string, { perRequest: number; ms: number }> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  for (const counter of options.counters) counter.reset();
  const started = Date.now();
  for (let i = 0; i < samples; i += 1) {
    const res = await fetch(options.url, { method: 'POST', headers, body: options.operation.body(), signal: AbortSignal.timeout(60_000) });
    await res.text();
  }
  const seconds = (Date.now() - started) / 1000;
  const byName: Record<string, number> = {};
  const msByCommand: Record<string, { perRequest: number; ms: number }> = {};
  let total = 0;
  for (const counter of options.counters) {
    const counts = counter.counts();
    total += counts.total;
    for (const [name, n] of Object.entries(counts.byName)) byName[name] = (byName[name] ?? 0) + n / samples;
    for (const [key, t] of Object.entries(counts.timing)) {
      const entry = (msByCommand[key] ??= { perRequest: 0, ms: 0 });
      entry.perRequest += t.count / samples;
      entry.ms += t.ms / samples;
    }
  }
  const background = (options.idleCommandsPerSecond ?? 0) * seconds;
  return { perRequest: Math.max(0, total - background) / samples, byName, msByCommand };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmup > 0) await fire(options, options.warmup);
  await options.settle?.();
  const commands = await commandsPerRequest(options);
  latencies = [];
  let graphqlErrors = 0;
  let non2xx = 0;
  let sample: string | null = null;
  const cpuBefore = cpuTimes();
  const result = await fire(options, options.duration, (status, body) => {
    if (status < 200 || status > 299) non2xx += 1;
    else if (bodyHasErrors(body)) graphqlErrors += 1;
    else return;
    sample ??= `${status} ${body.slice(0, 300)}`;
  });
  if (process.env['BENCH_DEBUG'])
    process.stderr.write(
      `autocannon: ${JSON.stringify({ total: result.requests.total, sent: result.requests.sent, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, ok: result['2xx'], seen: latencies.length })}\n`,
    );
  const cpuAfter = cpuTimes();
  const sorted = [...latencies].sort((a, b) => a - b);
  const requests = sorted.length;
  const transport = result.errors + result.timeouts;
  return {
    requests,
    requestsPerSecond: requests / result.duration,
    unanswered: Math.max(0, result.requests.sent - requests - transport),
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      mean: requests ? sorted.reduce((a, b) => a + b, 0) / requests : 0,
      max: sorted.at(-1) ?? 0,
    },
    errors: { total: non2xx + graphqlErrors + transport, non2xx, graphql: graphqlErrors, transport, sample },
    dbCommandsPerRequest: commands.perRequest,
    dbCommandsByName: commands.byName,
    dbMsByCommand: commands.msByCommand,
    cpuMsPerRequest: cpuPerRequest(cpuBefore, cpuAfter, requests),
  };
}

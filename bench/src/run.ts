/**
 * `npm run bench`: the whole benchmark from a clean clone. Starts a private database server, puts
 * a counting wire-protocol proxy in front of it for each subgraph, starts the three subgraphs and
 * both gateways as production does (from their builds), generates the dataset, then drives each
 * operation through our gateway and through the peer (Hive Gateway) over the same subgraphs, prints
 * a table and writes bench/results/<date>.json.
 *
 * Knobs (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 3),
 * BENCH_CONNECTIONS (default 20), BENCH_SEED (default 42), BENCH_ROUNDS (default 2: each window twice,
 * the best kept), BENCH_GATEWAY_WORKERS (processes per
 * gateway, default one per core), BENCH_SCALE (a fraction of the dataset,
 * default 1; BENCH_SMALL=1 is 0.1), BENCH_RESPONSE_CACHE_SECONDS (our gateway's RESPONSE_CACHE_SECONDS,
 * default the gateway's own; 0 answers every anonymous request afresh), BENCH_PASS_THROUGH (our
 * gateway's PASS_THROUGH, default on; false plans and merges every query), MONGO_URL (a real MongoDB
 * instead of the local FerretDB).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDatabaseServer } from '@gigmart/devdb';
import { gatewayEnvSchema } from '@gigmart/gateway';
import { createLogger, repoRoot } from '@gigmart/shared';
import { createOutput, freePort, startStack, type ProcessStack } from '@gigmart/stack';
import { BENCH_PASSWORD, BENCH_READER, BENCH_WRITER, FULL_SIZE, generateDataset, type DatasetSize } from './dataset.js';
import { chartFromResultsFile } from './chart.js';
import { cpuProcessOrder } from './cpu.js';
import { runLoad, type LoadResult } from './load.js';
import { isCpuProfile, profilesMarkdown, type CpuProfile } from './profiles.js';
import { LOG_IN, operations, type OperationId } from './operations.js';
import { composeSupergraph, newServiceToken, startPeerGateway, writeSigningKey, type Process } from './stack.js';
import { startWireCounter, type WireCounter } from './wire-counter.js';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}: expected a number`);
  return value;
};
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 3);
const CONNECTIONS = num('BENCH_CONNECTIONS', 20);
const SEED = num('BENCH_SEED', 42);
/**
 * How many times each window is run (gateways in alternating order); the best of them is reported.
 * Two by default: a write window leaves work behind it (its orders' events, larger collections)
 * that costs the next window a quarter of its throughput, whichever gateway that is (bench/README.md,
 * "Run of 2026-11-30, second session"), so each gateway runs each operation once first and once second.
 */
const ROUNDS = Math.max(1, Math.floor(num('BENCH_ROUNDS', 2)));
/** How long our gateway keeps anonymous answers (its RESPONSE_CACHE_SECONDS; unset: the gateway's default). */
const RESPONSE_CACHE_SECONDS = gatewayEnvSchema.shape.RESPONSE_CACHE_SECONDS.parse(process.env['BENCH_RESPONSE_CACHE_SECONDS']);
/** Whether our gateway sends single-subgraph queries straight on (its PASS_THROUGH; unset: the gateway's default). */
const PASS_THROUGH = gatewayEnvSchema.shape.PASS_THROUGH.parse(process.env['BENCH_PASS_THROUGH']);
/** Processes per gateway, the same for both: ours GATEWAY_WORKERS, Hive Gateway's --fork. */
const GATEWAY_WORKERS = num('BENCH_GATEWAY_WORKERS', os.availableParallelism());
/**
 * BENCH_PROFILE=1: every measured process (users, gigs, orders, each gateway process, Hive Gateway)
 * runs with V8's sampling profiler (`bench/src/cpu-profile.mjs`); the raw profiles are kept in bench/.profiles/<run>/
 * (open them in Chrome DevTools or speedscope) and their top frames are written beside the results.
 */
const PROFILE = Boolean(process.env['BENCH_PROFILE']);
/** BENCH_ONLY=search,gigPage: only these operations (ids of operations.ts), beside the yardstick. */
const ONLY = process.env['BENCH_ONLY'] ? new Set(process.env['BENCH_ONLY'].split(',').map((id) => id.trim())) : null;
const SCALE = process.env['BENCH_SMALL'] ? 0.1 : num('BENCH_SCALE', 1);
/** The issue's dataset, or a fraction of it (BENCH_SCALE=0.1: a tenth) to try the tooling quickly. */
const SIZE: DatasetSize = Object.fromEntries(
  Object.entries(FULL_SIZE).map(([key, n]) => [key, Math.max(key === 'sellers' ? 5 : 20, Math.round(n * SCALE))]),
) as unknown as DatasetSize;

type Target = 'ours' | 'peer' | 'direct';

interface Run {
  operation: OperationId;
  title: string;
  target: Target;
  result: LoadResult;
  /** placeOrder: the orders' events (outbox) still undelivered when the window ended, and how long they took to go out. */
  events?: EventDrain;
}

interface EventDrain {
  pendingAtEnd: number;
  drainedAfterMs: number;
}

/** Orders and offers with undelivered events, from the orders service's /ready (its relays' backlogs). */
async function pendingEvents(ordersUrl: string): Promise<number> {
  const ready = (await (await fetch(`${ordersUrl}/ready`)).json()) as {
    checks: Record<string, { detail?: { pending?: number } } | undefined>;
  };
  return (ready.checks['relay']?.detail?.pending ?? 0) + (ready.checks['offerRelay']?.detail?.pending ?? 0);
}

/**
 * Between two looks at the backlog. Each look reads the pending orders with their outboxes (up to
 * 5,000) in the orders service's database: at two looks a second it was 28% of the database's CPU
 * during a drain of 550 orders (its Go profile), slowing the very delivery it measured; this
 * polled four times a second.
 */
const DRAIN_POLL_MS = 1000;

/**
 * After a window of orders: waits (at most `maxMs`) until the outbox relays have delivered every
 * event, so that the next window does not pay for this one's events, and says how long that took
 * (to the next `DRAIN_POLL_MS`).
 */
async function eventDrain(ordersUrl: string, maxMs = 300_000): Promise<EventDrain> {
  const started = Date.now();
  const pendingAtEnd = await pendingEvents(ordersUrl);
  while (Date.now() - started < maxMs && (await pendingEvents(ordersUrl)) > 0) await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
  return { pendingAtEnd, drainedAfterMs: Date.now() - started };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function logIn(graphqlUrl: string, login: string): Promise<string> {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOG_IN, variables: { input: { login, password: BENCH_PASSWORD } } }),
  });
  const body = (await res.json()) as {
    data?: { logIn?: { session?: { accessToken: string } | null; userErrors: unknown[] } };
    errors?: unknown;
  };
  const token = body.data?.logIn?.session?.accessToken;
  if (!token) throw new Error(`log-in as ${login} failed: ${JSON.stringify(body.errors ?? body.data?.logIn?.userErrors)}`);
  return token;
}

/** One request of each operation, checked, before any load: a broken query fails the run early. */
async function smokeTest(url: string, body: string, token: string | null, label: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
    signal: AbortSignal.timeout(15_000),
  }).catch((error: unknown) => new Response(String(error), { status: 599 }));
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"') || (text.includes('"userErrors"') && !text.includes('"userErrors":[]'))) {
    // Not fatal: a request slower than the gateway's subgraph timeout fails the same way under load,
    // and is counted there. A misspelt query shows here first.
    say(`  warning: ${label}: ${res.status} ${text.slice(0, 300)}`);
  }
}

/**
 * The commands the services send on their own, per second, with no request in flight (background
 * jobs: the orders outbox relays poll every second, the mailer every 5 s, ...). Subtracted
 * from each window so the figures are per request.
 */
async function idleRate(
  counters: WireCounter[],
  ms = 3000,
): Promise<{ perSecond: number; byName: Record<string, number>; byCommand: Record<string, number> }> {
  for (const counter of counters) counter.reset();
  await new Promise((r) => setTimeout(r, ms));
  const byName: Record<string, number> = {};
  // By command and collection (`findAndModify notifications`): which service's loop sends them.
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const counter of counters) {
    const counts = counter.counts();
    total += counts.total;
    for (const [name, n] of Object.entries(counts.byName)) byName[name] = (byName[name] ?? 0) + (n * 1000) / ms;
    for (const [key, { count }] of Object.entries(counts.timing)) byCommand[key] = (byCommand[key] ?? 0) + (count * 1000) / ms;
  }
  return { perSecond: (total * 1000) / ms, byName, byCommand };
}

/**
 * Waits until the database is back to its idle rate of commands and has answered every command sent
 * to it: requests autocannon abandoned at the end of a window are still being served, and must not
 * slow down the next window.
 */
async function drain(counters: WireCounter[], idlePerSecond: number, maxMs = 60_000): Promise<number> {
  const started = Date.now();
  const total = () => counters.reduce((sum, c) => sum + c.counts().total, 0);
  const windowMs = 500;
  const quietLimit = ((idlePerSecond * windowMs) / 1000) * 1.5 + 1;
  let last = total();
  let quietWindows = 0;
  while (Date.now() - started < maxMs && quietWindows < 2) {
    await new Promise((r) => setTimeout(r, windowMs));
    const now = total();
    const waiting = counters.reduce((sum, c) => sum + c.pending(), 0);
    quietWindows = now - last <= quietLimit && waiting === 0 ? quietWindows + 1 : 0;
    last = now;
  }
  return Date.now() - started;
}

/** The plan with each operation's targets in reverse order (operations stay in their order). */
function groupsReversed<T extends [string, string]>(plan: T[]): T[] {
  const out: T[] = [];
  for (const id of [...new Set(plan.map(([op]) => op))]) out.push(...plan.filter(([op]) => op === id).reverse());
  return out;
}

const targetName = (target: Target) => (target === 'ours' ? 'our gateway' : target === 'peer' ? 'Hive Gateway' : 'gigs subgraph');

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * The run's table. `yardstick`: operation 2' sent straight to the gigs subgraph in the same run,
 * req/s; each row's throughput is also shown as a share of it, so runs on different machines compare.
 */
function table(runs: Run[], yardstick: number): string {
  const header = [
    'operation',
    'through',
    'req/s',
    "share of 2' direct",
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'unanswered',
    'db cmds/req',
  ];
  const rows = runs.map((r) => [
    r.title,
    targetName(r.target),
    fmt(r.result.requestsPerSecond),
    fmt(r.result.requestsPerSecond / yardstick, 2),
    fmt(r.result.latencyMs.p50),
    fmt(r.result.latencyMs.p95),
    fmt(r.result.latencyMs.p99),
    fmt(r.result.errors.total),
    fmt(r.result.unanswered),
    fmt(r.result.dbCommandsPerRequest, 2),
  ]);
  return markdownTable(header, rows);
}

/** A Markdown table, aligned: the first two columns are text (left), the others figures (right). */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** Where each operation's time goes: CPU ms per answered request, by process. */
function cpuTable(runs: Run[]): string {
  const names = cpuProcessOrder.filter((name) => runs.some((r) => (r.result.cpuMsPerRequest[name] ?? 0) > 0));
  const header = ['operation', 'through', ...names, 'total'];
  const rows = runs.map((r) => {
    const cpu = r.result.cpuMsPerRequest;
    const total = Object.values(cpu).reduce((a, b) => a + b, 0);
    return [r.title, targetName(r.target), ...names.map((n) => fmt(cpu[n] ?? 0, 1)), fmt(total, 1)];
  });
  return markdownTable(header, rows);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const profileDir = path.join(repoRoot, 'bench/.profiles', stamp);
  /** The environment that makes a process write its CPU profile into profileDir/<name> when it exits. */
  const profiled = (name: string): Record<string, string> =>
    PROFILE
      ? {
          NODE_OPTIONS:
            `${process.env['NODE_OPTIONS'] ?? ''} --import=${pathToFileURL(path.join(repoRoot, 'bench/src/cpu-profile.mjs')).href}`.trim(),
          BENCH_CPU_PROFILE_DIR: path.join(profileDir, name),
        }
      : {};
  const logger = createLogger('bench', 'warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gigmart-bench-'));
  const processes: Process[] = [];
  let stack: ProcessStack | null = null;
  const counters: WireCounter[] = [];
  let stopDatabase: (() => Promise<void>) | null = null;
  let resultsFile: string | undefined;
  const cleanUp = async () => {
    for (const proc of processes.reverse()) await proc.stop();
    await stack?.stop();
    await Promise.all(counters.map((c) => c.close()));
    await stopDatabase?.();
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

  try {
    say(
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const database = await startDatabaseServer({ logger, dataDir, ephemeral: true });
    stopDatabase = () => database.stop();
    say(`database: ${database.kind} at ${database.uri}`);
    const [users, gigs, orders, inbox] = await Promise.all([
      startWireCounter(database.uri),
      startWireCounter(database.uri),
      startWireCounter(database.uri),
      startWireCounter(database.uri),
    ]);
    counters.push(users, gigs, orders, inbox);
    const peerPort = await freePort();
    const supergraphPath = path.join(dataDir, 'supergraph.graphql');
    // Our processes as production runs them: from their builds, NODE_ENV=production, each subgraph
    // on the database through its counting proxy. A crash is said (and not hidden by a restart).
    // users and gigs first (gigs seeds the category tree the dataset needs). The orders service
    // starts after the dataset is written: its outbox relay polls the orders collection with a
    // write command, which on FerretDB locks out the bulk inserts.
    stack = await startStack({
      mode: 'processes',
      from: 'build',
      processes: ['users', 'gigs'],
      // Media takes no part in the measured operations: straight to the database, uncounted.
      mongoUrl: { users: users.uri, gigs: gigs.uri, orders: orders.uri, inbox: inbox.uri, media: database.uri },
      dataDir,
      serviceToken: newServiceToken(),
      env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      processEnv: {
        users: { JWT_PRIVATE_KEY_FILE: await writeSigningKey(dataDir), ...profiled('users') },
        orders: profiled('orders'),
        inbox: profiled('inbox'),
        // The only gigs process: it applies its own changes and the order events at once, so its
        // reconciliation (which another instance's changes would need) stays out of the windows.
        gigs: { GIGS_SEARCH_RECONCILE_SECONDS: '3600', ...profiled('gigs') },
        gateway: {
          GATEWAY_WORKERS: String(GATEWAY_WORKERS),
          SUPERGRAPH_PATH: supergraphPath,
          SUPERGRAPH_POLL_MS: '0',
          // Every benchmark client is one address: the per-address limit would measure itself.
          RATE_LIMIT_PER_MINUTE: '100000000',
          RESPONSE_CACHE_SECONDS: String(RESPONSE_CACHE_SECONDS),
          PASS_THROUGH: String(PASS_THROUGH),
          ...profiled('gateway'),
        },
      },
      output: { ...createOutput({ format: 'silent' }), event: (_level, message) => say(`  ${message}`) },
      restart: false,
      // Creating indexes over an already written dataset can take a while.
      readyTimeoutMs: 300_000,
    });
    const urls = stack.urls;
    await composeSupergraph(stack.env, supergraphPath);
    say(`supergraph: composed (npm run compose -w gateway) into ${supergraphPath}`);

    const dataset = await generateDataset({
      uri: database.uri,
      databases: { users: 'users', gigs: 'gigs', orders: 'orders', inbox: 'inbox' },
      size: SIZE,
      seed: SEED,
      log: (line) => say(`  dataset ${line}`),
    });
    say(
      `dataset: ${fmt(SIZE.gigs)} gigs from ${fmt(SIZE.sellers)} sellers, ${fmt(SIZE.orders)} orders, ${fmt(SIZE.reviews)} reviews, generated in ${fmt(dataset.millis / 1000, 1)} s`,
    );
    // Signed in at the users subgraph (the same logIn mutation), before the orders service adds load.
    const signIn = async () => ({
      reader: await logIn(`${urls.users}/graphql`, BENCH_READER),
      writer: await logIn(`${urls.users}/graphql`, BENCH_WRITER),
    });
    let tokens = await signIn();
    let signedInAt = Date.now();
    // The gigs process builds its search index at start (services/gigs README, "The search index"):
    // started again over the written dataset, it serves searches over all of it from the first request.
    await stack.stopService('gigs');
    // The profile of the gigs process that served the dataset's writes is not the run's.
    await rm(path.join(profileDir, 'gigs'), { recursive: true, force: true });
    await stack.startService('gigs');
    await stack.startService('orders');
    await stack.startService('inbox');
    await stack.startService('media');
    say('subgraphs: users, gigs, orders, inbox, media up (node services/<name>/dist/main.js, NODE_ENV=production)');

    await stack.startService('gateway');
    processes.push(await startPeerGateway(peerPort, supergraphPath, GATEWAY_WORKERS, profiled('hive-gateway')));
    say(
      `gateways: ours on :${stack.ports.gateway}, Hive Gateway on :${peerPort}, ${GATEWAY_WORKERS} process(es) each; ours keeps anonymous answers ${RESPONSE_CACHE_SECONDS} s, sends single-subgraph operations straight on: ${PASS_THROUGH ? 'yes' : 'no'}`,
    );

    const endpoints: Record<Target, string> = {
      ours: stack.graphqlUrl,
      peer: `http://127.0.0.1:${peerPort}/graphql`,
      direct: `${urls.gigs}/graphql`,
    };
    const ops = operations({ categorySlugs: dataset.categorySlugs, gigIds: dataset.activeGigIds });
    if (process.env['BENCH_HOLD']) {
      // Exploration: keep the stack up for manual requests until Ctrl-C.
      say(JSON.stringify({ urls: endpoints, tokens, category: dataset.categorySlugs[0], gig: dataset.activeGigIds[0] }));
      await new Promise(() => {});
    }
    for (const op of Object.values(ops)) {
      const targets: Target[] = op.id === 'gigPageGigsPart' ? ['ours', 'peer', 'direct'] : ['ours', 'peer'];
      for (const target of targets)
        await smokeTest(endpoints[target], op.body(), op.as ? tokens[op.as] : null, `${op.title} through ${target}`);
    }
    say(
      `load: ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${DURATION} s measured, per operation and gateway, ${ROUNDS} round(s), the best kept\n`,
    );

    const idle = await idleRate(counters);
    say(
      `database commands with no request in flight: ${idle.perSecond.toFixed(1)}/s ${JSON.stringify(idle.byCommand)} (subtracted from every window)\n`,
    );
    // Which gateway goes first alternates by operation: neither always gets the fresher database.
    const fullPlan: Array<[OperationId, Target]> = [
      ['search', 'ours'],
      ['search', 'peer'],
      ['searchTypo', 'peer'],
      ['searchTypo', 'ours'],
      ['gigPage', 'peer'],
      ['gigPage', 'ours'],
      ['gigPageGigsPart', 'direct'],
      ['gigPageGigsPart', 'ours'],
      ['gigPageGigsPart', 'peer'],
      ['myOrders', 'peer'],
      ['myOrders', 'ours'],
      ['inbox', 'ours'],
      ['inbox', 'peer'],
      ['placeOrder', 'peer'],
      ['placeOrder', 'ours'],
    ];
    // BENCH_ONLY: some operations (and the yardstick, operation 2', always), to look into them quickly.
    const plan = ONLY ? fullPlan.filter(([id]) => ONLY.has(id) || id === 'gigPageGigsPart') : fullPlan;
    // Rounds: the whole plan again, each operation's gateways in the other order, and each
    // gateway's best window kept. On a shared machine one window can catch a stall of the other
    // processes; both gateways get the same number of tries.
    const schedule: Array<[OperationId, Target, number]> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const order = round % 2 ? plan : groupsReversed(plan);
      schedule.push(...order.map(([id, target]): [OperationId, Target, number] => [id, target, round]));
    }
    const allRuns: Array<Run & { round: number }> = [];
    for (const [id, target, round] of schedule) {
      const op = ops[id];
      await drain(counters, idle.perSecond);
      // Access tokens last 15 minutes; a slow run outlives them.
      if (op.as && Date.now() - signedInAt > 10 * 60_000) {
        tokens = await signIn();
        signedInAt = Date.now();
      }
      const result = await runLoad({
        url: endpoints[target],
        operation: op,
        token: op.as ? tokens[op.as] : null,
        connections: CONNECTIONS,
        duration: DURATION,
        warmup: WARMUP,
        counters,
        settle: () => drain(counters, idle.perSecond),
        idleCommandsPerSecond: idle.perSecond,
      });
      const events = id === 'placeOrder' ? await eventDrain(urls.orders) : undefined;
      allRuns.push({ operation: id, title: op.title, target, result, round, ...(events ? { events } : {}) });
      say(
        `  ${ROUNDS > 1 ? `round ${round}: ` : ''}${op.title} through ${target}: ${fmt(result.requestsPerSecond)} req/s, p99 ${fmt(result.latencyMs.p99)} ms, ${result.errors.total} errors, ${result.unanswered} unanswered${result.errors.sample ? ` (e.g. ${result.errors.sample.slice(0, 160)})` : ''}` +
          (events
            ? `; ${fmt(events.pendingAtEnd)} orders' events still to deliver at the end, all delivered ${fmt(events.drainedAfterMs / 1000, 1)} s later`
            : ''),
      );
    }

    const runs: Run[] = plan.map(([id, target]) =>
      allRuns
        .filter((r) => r.operation === id && r.target === target)
        .reduce((best, r) => (r.result.requestsPerSecond > best.result.requestsPerSecond ? r : best)),
    );
    const rps = (id: OperationId, target: Target) => runs.find((r) => r.operation === id && r.target === target)?.result;
    const ratios = Object.fromEntries(
      [...new Set(plan.map(([id]) => id))].map((id) => [id, rps(id, 'ours')!.requestsPerSecond / rps(id, 'peer')!.requestsPerSecond]),
    ) as Partial<Record<OperationId, number>>;
    const direct = rps('gigPageGigsPart', 'direct')!;
    const oursPart = rps('gigPageGigsPart', 'ours')!;
    const peerPart = rps('gigPageGigsPart', 'peer')!;
    const overhead = {
      throughputShareOfDirect: oursPart.requestsPerSecond / direct.requestsPerSecond,
      addedP50Ms: oursPart.latencyMs.p50 - direct.latencyMs.p50,
      addedP99Ms: oursPart.latencyMs.p99 - direct.latencyMs.p99,
      peerThroughputShareOfDirect: peerPart.requestsPerSecond / direct.requestsPerSecond,
      peerAddedP50Ms: peerPart.latencyMs.p50 - direct.latencyMs.p50,
    };

    say(`\n${table(runs, direct.requestsPerSecond)}\n`);
    say('Database time per request, by command and collection (from the 5 requests sent one at a time):');
    for (const r of runs.filter((run) => run.target !== 'peer')) {
      const parts = Object.entries(r.result.dbMsByCommand)
        .sort((a, b) => b[1].ms - a[1].ms)
        .map(([key, t]) => `${key} ${fmt(t.perRequest, 1)}× ${fmt(t.ms, 1)} ms`);
      say(`  ${r.title} (${targetName(r.target)}): ${parts.join(', ') || 'none'}`);
    }
    say('');
    say(`CPU ms per request, by process (from /proc over each measured window; 2 cores = 2,000 ms per second):\n${cpuTable(runs)}\n`);
    say(
      'our / Hive Gateway throughput: ' +
        Object.entries(ratios)
          .map(([id, r]) => `${id} ${Number.isFinite(r) ? r.toFixed(2) : 'n/a (nothing answered)'}`)
          .join(', '),
    );
    say(
      `gateway overhead on the gig page's gigs part: ours serves ${(overhead.throughputShareOfDirect * 100).toFixed(0)}% of the subgraph's direct throughput ` +
        `(+${fmt(overhead.addedP50Ms, 1)} ms p50); Hive Gateway ${(overhead.peerThroughputShareOfDirect * 100).toFixed(0)}% (+${fmt(overhead.peerAddedP50Ms, 1)} ms p50)`,
    );

    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? null,
        memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverageAtStart: os.loadavg(),
      },
      database: database.kind,
      dataset: {
        ...SIZE,
        scale: SCALE,
        seed: SEED,
        generationSeconds: dataset.millis / 1000,
        readerOrders: dataset.readerOrders,
        readerConversations: dataset.readerConversations,
      },
      load: { connections: CONNECTIONS, warmupSeconds: WARMUP, durationSeconds: DURATION, tool: 'autocannon' },
      gatewayProcesses: GATEWAY_WORKERS,
      /** Our gateway's anonymous answers kept this long (0: none); Hive Gateway keeps none. */
      responseCacheSeconds: RESPONSE_CACHE_SECONDS,
      /** Our gateway's PASS_THROUGH: single-subgraph queries sent straight on (gateway/src/pass-through.ts). */
      passThrough: PASS_THROUGH,
      rounds: ROUNDS,
      dbCommandCounting:
        'MongoDB wire-protocol proxy in front of the database per subgraph; handshakes and monitoring (hello, ping, ...) excluded; the idle rate of background commands subtracted',
      idleCommandsPerSecond: idle,
      yardstick: { operation: "2'. gig page, gigs part, straight to the gigs subgraph", requestsPerSecond: direct.requestsPerSecond },
      runs: runs.map((r) => ({ ...r, shareOfYardstick: r.result.requestsPerSecond / direct.requestsPerSecond })),
      allRounds: allRuns,
      ratioOursToPeer: ratios,
      gatewayOverheadGigPageGigsPart: overhead,
    };
    const resultsDir = path.join(repoRoot, 'bench/results');
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${stamp}.json`);
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    // The chart of this run, beside it (bench/README.md shows the latest).
    await writeFile(file.replace(/\.json$/, '.svg'), chartFromResultsFile(JSON.parse(JSON.stringify(report))));
    resultsFile = file;
    say(`\nwritten: ${path.relative(repoRoot, file)} (${fmt((Date.now() - startedAt.getTime()) / 1000)} s in all)`);
  } finally {
    await cleanUp();
  }
  // The processes write their profiles as they exit.
  if (PROFILE && resultsFile) {
    const summary = path.join(path.dirname(resultsFile), `${stamp}.profiles.md`);
    await writeFile(summary, await profileSummary(profileDir, path.basename(resultsFile)));
    say(
      `CPU profiles: ${path.relative(repoRoot, profileDir)}/<process>/<pid>.cpuprofile, top frames in ${path.relative(repoRoot, summary)}`,
    );
  }
}

/** The top frames of every process's profile (the gateways' processes each on its own). */
async function profileSummary(dir: string, resultsName: string): Promise<string> {
  const entries: Array<{ process: string; profile: CpuProfile }> = [];
  for (const name of (await readdir(dir).catch(() => [])).sort()) {
    const files = (await readdir(path.join(dir, name))).filter((f) => f.endsWith('.cpuprofile')).sort();
    for (const f of files) {
      const profile: unknown = JSON.parse(await readFile(path.join(dir, name, f), 'utf8'));
      if (isCpuProfile(profile))
        entries.push({ process: files.length > 1 ? `${name} (pid ${f.replace(/\.cpuprofile$/, '')})` : name, profile });
    }
  }
  return [
    `# CPU profiles of ${resultsName}`,
    '',
    'Each process sampled every 1 ms from its start to its exit (bench/src/cpu-profile.mjs), so a profile covers',
    'every window of the run; self time is the time spent in the function itself. The raw profiles stay in',
    '`bench/.profiles/` (not committed): open them in Chrome DevTools or speedscope.',
    '',
    profilesMarkdown(entries),
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

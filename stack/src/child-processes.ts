/**
 * The marketplace as child processes, as `npm start`, `npm run dev` and the benchmark run it: the
 * database server, then each process of `PROCESSES` with the addresses of the others, watched.
 *
 * A process that exits without being asked to after it was ready has crashed: it is started again
 * after 1 s, 2 s, 4 s ... at most 30 s (the count starts over once it has stayed up for a minute)
 * while the others keep serving, and one line says so, and one more when it is back. When one
 * process crashes 5 times within a minute the stack gives up: one line names it and why, every
 * process stops, and `failed` settles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createLogger, defaultDataDir, repoRoot, resolveServiceToken } from '@gigmart/shared';
import { startDatabaseServer, type DatabaseServer } from '@gigmart/devdb';
import { createOutput, seconds, timed, type OutputFormat, type StackOutput } from './output.js';
import { resolvePorts } from './ports.js';
import { addressEnv, localUrl, PROCESS_NAMES, PROCESSES, SUBGRAPH_NAMES, type ProcessName, type SubgraphName } from './processes.js';

export interface RestartPolicy {
  /** The wait before the first restart; doubled for each crash after it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** This many crashes of one process within `windowMs` stop the stack. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, maxCrashes: 5, windowMs: 60_000 };

export interface ProcessStackOptions {
  mode: 'processes';
  /** `build`: `node dist/main.js`; `source`: the TypeScript through tsx; `watch`: tsx watch, restarting on change. */
  from: 'build' | 'source' | 'watch';
  /** Run `turbo run build` first (cached; its output shows only when it fails). */
  build?: boolean;
  /** The processes to start now (default: the subgraphs and the gateway, and the web client from a build); `startService` starts the others later. */
  processes?: ProcessName[];
  /** Ports (unset or 0: a free one). */
  ports?: Partial<Record<ProcessName, number>>;
  /** The database: one URI for every service, or one per service. Unset: found or started (startDatabaseServer) and stopped with the stack if it started it. */
  mongoUrl?: string | Record<SubgraphName, string>;
  /** DATA_DIR of every process (database files, development keys); default `<repo>/.data`. */
  dataDir?: string;
  /** A throw-away database server when the stack starts one. */
  ephemeralDatabase?: boolean;
  /** SERVICE_TOKEN; default: the one generated into DATA_DIR. */
  serviceToken?: string;
  /** Environment of every process, on top of this process's and the addresses (e.g. NODE_ENV, LOG_LEVEL). */
  env?: Record<string, string>;
  /** Environment of one process, on top of `env`. */
  processEnv?: Partial<Record<ProcessName, Record<string, string>>>;
  /** Where lines go: a format for this process's stdout/stderr, or an output of your own (default: pretty in a terminal, else json). */
  output?: OutputFormat | StackOutput;
  /** Restart crashed processes (default DEFAULT_RESTART_POLICY); false: a crash is reported and the process stays down. */
  restart?: Partial<RestartPolicy> | false;
  /** How long each process may take to become ready at start (default 120 s). */
  readyTimeoutMs?: number;
  /** Aborting stops a start-up under way (everything started so far is stopped; startStack rejects). */
  signal?: AbortSignal;
}

export interface ProcessStack {
  mode: 'processes';
  ports: Record<ProcessName, number>;
  urls: Record<ProcessName, string>;
  gatewayUrl: string;
  graphqlUrl: string;
  /** The database server the stack started or found (null when `mongoUrl` was given). */
  database: DatabaseServer | null;
  /** The environment every process got (addresses, MONGO_URL, DATA_DIR, SERVICE_TOKEN, `env`). */
  env: Record<string, string>;
  output: StackOutput;
  /** The pid of a running process. */
  pid(name: ProcessName): number | undefined;
  /** Starts a process not started yet, or stopped; resolves once it is ready. */
  startService(name: ProcessName): Promise<void>;
  /** Stops one process (SIGTERM, SIGKILL after 10 s); it is not restarted. */
  stopService(name: ProcessName): Promise<void>;
  /** Stops every process (the gateway and the web client first), then the database server if the stack started it. */
  stop(): Promise<void>;
  /** Settles, once the stack has stopped, with the line that said why it gave up on a crashing process. */
  failed: Promise<string>;
}

/** A start-up cut short by `stop()` or the abort signal. */
export class StackStoppedError extends Error {
  constructor() {
    super('the stack was stopped while starting');
    this.name = 'StackStoppedError';
  }
}

/** A start-up that failed; the step that failed has already said why on the stack's output. */
export class StackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackStartError';
  }
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function describeExit({ code, signal }: Exit): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One watched child process of the stack. */
class ManagedProcess {
  child: ChildProcess | null = null;
  /** Whether it should be running (false once asked to stop: its exit is no crash). */
  wanted = false;
  private exited: Promise<Exit> = Promise.resolve({ code: 0, signal: null });
  private crashes: number[] = [];
  private attempt = 0;
  private readyAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Within `start()`, which reports an early exit itself. */
  private starting = false;
  /** What it said last on stderr (or its last error log line), for the line about its crash. */
  private lastError = '';
  private tail: string[] = [];

  constructor(
    readonly name: ProcessName,
    private readonly stack: Supervisor,
  ) {}

  private spawnChild(): void {
    const definition = PROCESSES[this.name];
    const cwd = path.join(repoRoot, definition.dir);
    const from = this.stack.options.from;
    const args =
      this.name === 'web' || from === 'build'
        ? [from === 'build' ? definition.entry.build : definition.entry.source]
        : from === 'source'
          ? ['--import', 'tsx', '--conditions=development', definition.entry.source]
          : [
              path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
              'watch',
              '--clear-screen=false',
              '--conditions=development',
              definition.entry.source,
            ];
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...this.stack.env, ...this.stack.processEnv[this.name] },
      // Its own process group: Ctrl-C reaches the stack alone, which stops the processes in order.
      // The IPC channel lets a child notice that the stack died, even by SIGKILL (see shared's onShutdown).
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    this.lastError = '';
    this.exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // Errors while spawning (e.g. no such file) show as an exit.
    child.on('error', (error) => this.remember('stderr', error.message));
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream]! }).on('line', (line) => {
        this.remember(stream, line);
        this.stack.output.line(this.name, stream, line);
      });
    }
    void this.exited.then((exit) => this.onExit(child, exit));
  }

  private remember(stream: 'stdout' | 'stderr', line: string): void {
    if (!line.trim()) return;
    this.tail.push(line);
    if (this.tail.length > 30) this.tail.shift();
    if (stream === 'stderr') {
      this.lastError = line.trim();
    } else if (line.startsWith('{"level":5') || line.startsWith('{"level":6')) {
      try {
        const log = JSON.parse(line) as { msg?: string; err?: { message?: string } };
        this.lastError = [log.msg, log.err?.message].filter(Boolean).join(': ');
      } catch {
        // not a log line
      }
    }
  }

  /** Its last lines, for an error message. */
  output(): string {
    return this.tail.join('\n');
  }

  pid(): number | undefined {
    return this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** Starts it and waits until it is ready; rejects (and stops it) if it exits first or takes too long. */
  async start(timeoutMs: number): Promise<void> {
    this.wanted = true;
    this.crashes = [];
    this.attempt = 0;
    this.starting = true;
    this.spawnChild();
    const ready = await this.waitReady(timeoutMs).finally(() => (this.starting = false));
    if (ready === true) return;
    await this.stop();
    if (this.stack.stopping) throw new StackStoppedError();
    const why = ready === false ? `was not ready within ${seconds(timeoutMs)}` : `exited (${describeExit(ready)}) before it was ready`;
    throw new StackStartError(`${this.name} ${why}${this.lastError ? `: ${this.lastError}` : ''}`);
  }

  /** Polls its ready path: true once it answers 200, its exit if it exits first, false after `timeoutMs`. */
  private async waitReady(timeoutMs: number): Promise<true | false | Exit> {
    const child = this.child!;
    const state: { exit: Exit | null } = { exit: null };
    void this.exited.then((exit) => (state.exit = exit));
    const url = `${this.stack.urls[this.name]}${PROCESSES[this.name].readyPath}`;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (state.exit) return state.exit;
      if (this.child !== child || !this.wanted) return { code: null, signal: 'SIGTERM' };
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        if (response.ok && !state.exit) {
          this.readyAt = Date.now();
          return true;
        }
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    return false;
  }

  private onExit(child: ChildProcess, exit: Exit): void {
    if (this.child !== child) return;
    // Asked to stop, or within start(), which reports it.
    if (!this.wanted || this.stack.stopping || this.starting) return;
    const policy = this.stack.restartPolicy;
    const why = `${describeExit(exit)}${this.lastError ? `, last error: ${this.lastError}` : ''}`;
    const now = Date.now();
    const upFor = this.readyAt ? now - this.readyAt : 0;
    this.readyAt = 0;
    if (!policy) {
      this.wanted = false;
      this.stack.output.event('error', `${this.name} crashed (${why}); not restarted`, { process: this.name, ...exit });
      return;
    }
    this.crashes = [...this.crashes.filter((t) => now - t < policy.windowMs), now];
    if (this.crashes.length >= policy.maxCrashes) {
      this.wanted = false;
      void this.stack.giveUp(
        `${this.name} crashed ${this.crashes.length} times within ${seconds(policy.windowMs)} (${why}): stopping the stack`,
        this.name,
        exit,
      );
      return;
    }
    this.attempt = upFor >= policy.windowMs ? 1 : this.attempt + 1;
    const delay = Math.min(policy.firstDelayMs * 2 ** (this.attempt - 1), policy.maxDelayMs);
    this.stack.output.event('warn', `${this.name} crashed (${why}): restarting in ${seconds(delay)}`, {
      process: this.name,
      ...exit,
      restartInMs: delay,
    });
    const crashedAt = now;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.wanted || this.stack.stopping) return;
      this.spawnChild();
      void this.waitReady(Number.POSITIVE_INFINITY).then((ready) => {
        if (ready === true && this.wanted && !this.stack.stopping) {
          this.stack.output.event('info', `${this.name} is back after ${seconds(Date.now() - crashedAt)} (pid ${this.child?.pid})`, {
            process: this.name,
            pid: this.child?.pid,
          });
        }
      });
    }, delay);
  }

  /** SIGTERM, and SIGKILL if it is still there after 10 s; resolves once it has exited. */
  async stop(): Promise<void> {
    this.wanted = false;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await this.exited;
    clearTimeout(killer);
  }
}

/** The state of one stack of child processes. */
class Supervisor {
  stopping = false;
  env: Record<string, string> = {};
  urls = {} as Record<ProcessName, string>;
  ports = {} as Record<ProcessName, number>;
  database: DatabaseServer | null = null;
  readonly output: StackOutput;
  readonly restartPolicy: RestartPolicy | null;
  readonly processes = new Map<ProcessName, ManagedProcess>();
  processEnv: Partial<Record<ProcessName, Record<string, string>>> = {};
  private build: ChildProcess | null = null;
  private stopped: Promise<void> | null = null;
  private resolveFailed!: (reason: string) => void;
  readonly failed = new Promise<string>((resolve) => (this.resolveFailed = resolve));

  constructor(readonly options: ProcessStackOptions) {
    this.output = typeof options.output === 'object' ? options.output : createOutput({ format: options.output });
    this.restartPolicy = options.restart === false ? null : { ...DEFAULT_RESTART_POLICY, ...options.restart };
  }

  process(name: ProcessName): ManagedProcess {
    let managed = this.processes.get(name);
    if (!managed) {
      managed = new ManagedProcess(name, this);
      this.processes.set(name, managed);
    }
    return managed;
  }

  checkStopping(): void {
    if (this.stopping) throw new StackStoppedError();
  }

  /** `turbo run build`, cached; its output shows only when it fails. */
  async runBuild(): Promise<void> {
    const turbo = spawn(path.join(repoRoot, 'node_modules/.bin/turbo'), ['run', 'build', '--output-logs=errors-only'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
    });
    this.build = turbo;
    let output = '';
    turbo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    turbo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => turbo.once('exit', (c) => resolve(c)));
    this.build = null;
    this.checkStopping();
    if (code !== 0) {
      this.output.notice(`${output.trimEnd()}\n`);
      throw new Error(`turbo run build exited with code ${code} (its output is above)`);
    }
  }

  async giveUp(reason: string, name: ProcessName, exit: Exit): Promise<void> {
    if (this.stopping) return;
    this.output.event('error', reason, { process: name, ...exit });
    await this.stop();
    this.resolveFailed(reason);
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      this.output.phase('stopping');
      this.build?.kill('SIGTERM');
      const stopAll = (names: ProcessName[]) => Promise.all(names.map((name) => this.processes.get(name)?.stop() ?? Promise.resolve()));
      // The entry points first, so nothing new arrives at a subgraph that is going away.
      await stopAll(['web', 'gateway']);
      await stopAll(PROCESS_NAMES.filter((name) => name !== 'web' && name !== 'gateway'));
      await this.database?.stop();
    })();
    return this.stopped;
  }
}

export async function startProcessStack(options: ProcessStackOptions): Promise<ProcessStack> {
  const stack = new Supervisor(options);
  const { output } = stack;
  const onAbort = () => void stack.stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  try {
    if (options.build) await timed(output, 'build', () => stack.runBuild());
    stack.checkStopping();
    const dataDir = options.dataDir ?? defaultDataDir;
    let mongoUrls: Record<SubgraphName, string> | null = null;
    if (typeof options.mongoUrl === 'object') {
      mongoUrls = options.mongoUrl;
    } else {
      // The launcher's own lines would repeat what the step line says.
      const logger = createLogger('stack', output.format === 'json' ? (process.env['LOG_LEVEL'] ?? 'info') : 'warn');
      const database = await timed(
        output,
        'database',
        () =>
          startDatabaseServer({ logger, mongoUrl: options.mongoUrl as string | undefined, dataDir, ephemeral: options.ephemeralDatabase }),
        { label: (db) => `database (${db.kind})` },
      );
      stack.database = database;
      stack.checkStopping();
      mongoUrls = { users: database.uri, gigs: database.uri, orders: database.uri, inbox: database.uri, media: database.uri };
    }
    const serviceToken = options.serviceToken ?? (await resolveServiceToken(undefined, dataDir));
    stack.ports = await resolvePorts(PROCESS_NAMES, options.ports ?? {});
    stack.urls = Object.fromEntries(PROCESS_NAMES.map((name) => [name, localUrl(stack.ports[name])])) as Record<ProcessName, string>;
    stack.env = {
      ...addressEnv(stack.ports),
      DATA_DIR: dataDir,
      SERVICE_TOKEN: serviceToken,
      // The media service's links go through the gateway (which passes /files/ to it), the one public address.
      MEDIA_PUBLIC_URL: stack.urls.gateway,
      ...options.env,
    };
    const sharedDatabase = new Set(Object.values(mongoUrls)).size === 1;
    if (sharedDatabase) stack.env['MONGO_URL'] = mongoUrls.users;
    const processEnv: Partial<Record<ProcessName, Record<string, string>>> = { ...options.processEnv };
    if (!sharedDatabase) for (const name of SUBGRAPH_NAMES) processEnv[name] = { MONGO_URL: mongoUrls[name], ...processEnv[name] };
    stack.processEnv = processEnv;

    const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    const initial = options.processes ?? [...SUBGRAPH_NAMES, 'gateway', ...(options.from === 'build' ? (['web'] as const) : [])];
    // All at once (the gateway waits for the subgraphs by itself); each reported when it is ready.
    // The first to fail stops the others at once: the gateway would wait for a missing subgraph.
    const failures: unknown[] = [];
    await Promise.all(
      initial.map((name) =>
        timed(output, name, () => stack.process(name).start(readyTimeoutMs)).catch((error: unknown) => {
          if (error instanceof StackStoppedError) return;
          failures.push(error);
          void stack.stop();
        }),
      ),
    );
    if (failures.length) throw failures[0];
    stack.checkStopping();
  } catch (error) {
    await stack.stop();
    options.signal?.removeEventListener('abort', onAbort);
    if (error instanceof StackStoppedError) throw error;
    // The step that failed has already said why, in one line.
    throw new StackStartError(error instanceof Error ? error.message : String(error));
  }
  options.signal?.removeEventListener('abort', onAbort);

  return {
    mode: 'processes',
    ports: stack.ports,
    urls: stack.urls,
    gatewayUrl: stack.urls.gateway,
    graphqlUrl: `${stack.urls.gateway}/graphql`,
    database: stack.database,
    env: stack.env,
    output,
    pid: (name) => stack.processes.get(name)?.pid(),
    startService: async (name) => {
      if (stack.stopping) throw new StackStoppedError();
      if (stack.processes.get(name)?.pid() !== undefined) return;
      await timed(output, name, () => stack.process(name).start(options.readyTimeoutMs ?? 120_000));
    },
    stopService: async (name) => {
      await stack.processes.get(name)?.stop();
    },
    stop: () => stack.stop(),
    failed: stack.failed,
  };
}

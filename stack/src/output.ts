/**
 * What a stack of child processes shows: the children's log lines, a line per start-up step with
 * its duration, and a line for each thing that happens to a process (a crash, its return).
 *
 * - `pretty`, for people in a terminal: each child's pino JSON line becomes one readable, coloured
 *   line (pino-pretty) with the process's name in front. Calm: per-request lines of the subgraphs
 *   (the gateway's calls, its schema polling) are left out, and the gateway's until start-up is over
 *   (the readiness probes and the demo seed), unless LOG_LEVEL is debug or trace. Once stopping,
 *   only the children's errors show.
 * - `json`, for machines (stdout not a TTY, or NODE_ENV=production): the children's JSON lines as
 *   they are, their stderr to stderr, and the stack's own lines as pino JSON lines (`service: stack`).
 * - `silent`: nothing (a benchmark keeps its own output; errors still carry the processes' last lines).
 */
import pinoPretty from 'pino-pretty';

export type OutputFormat = 'pretty' | 'json' | 'silent';

export interface StackOutput {
  readonly format: OutputFormat;
  /** One line a child process wrote. */
  line(name: string, stream: 'stdout' | 'stderr', text: string): void;
  /** A finished start-up step, e.g. `✔ database (ferretdb) 1.2s`. */
  step(label: string, ms: number, options?: { detail?: string; failed?: boolean }): void;
  /** One line about what happened to the stack or one of its processes. */
  event(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Text for people as it is (pretty); one info line (json). */
  notice(text: string): void;
  /**
   * Start-up is over (the caller says so: only it knows when its own steps, such as seeding, are
   * done) or the stack is stopping; changes what `pretty` leaves out.
   */
  phase(phase: 'running' | 'stopping'): void;
}

export interface OutputOptions {
  format?: OutputFormat;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** ANSI colours (pretty); default: when stdout is a TTY. */
  colors?: boolean;
  /** Every request line too (pretty); default: LOG_LEVEL is debug or trace. */
  verbose?: boolean;
  /** The level of the stack's own lines (json); default: LOG_LEVEL or info. */
  logLevel?: string;
}

/** `pretty` in a terminal, else `json`; always `json` with NODE_ENV=production. */
export function defaultOutputFormat(stdout: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): OutputFormat {
  return (stdout as { isTTY?: boolean }).isTTY && env['NODE_ENV'] !== 'production' ? 'pretty' : 'json';
}

const ANSI = { reset: 0, bold: 1, dim: 2, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 } as const;
type Style = keyof typeof ANSI;

const NAME_STYLES: Record<string, Style> = {
  users: 'cyan',
  gigs: 'magenta',
  orders: 'yellow',
  inbox: 'red',
  media: 'gray',
  gateway: 'green',
  web: 'blue',
};
const NAME_WIDTH = 7;

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}

export function createOutput(options: OutputOptions = {}): StackOutput {
  const stdout = options.stdout ?? process.stdout;
  const format = options.format ?? defaultOutputFormat(stdout);
  if (format === 'silent') return silentOutput;
  if (format === 'json')
    return jsonOutput(stdout, options.stderr ?? process.stderr, options.logLevel ?? process.env['LOG_LEVEL'] ?? 'info');
  return prettyOutput(
    stdout,
    options.colors ?? Boolean((stdout as { isTTY?: boolean }).isTTY),
    options.verbose ?? /^(debug|trace)$/.test(process.env['LOG_LEVEL'] ?? ''),
  );
}

const silentOutput: StackOutput = { format: 'silent', line() {}, step() {}, event() {}, notice() {}, phase() {} };

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

function jsonOutput(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, logLevel: string): StackOutput {
  const threshold = LEVELS[logLevel] ?? 30;
  /** A line in the children's own shape (pino's, as createLogger makes it), from `service: stack`. */
  const write = (level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, msg: string) => {
    if (LEVELS[level]! < threshold) return;
    stdout.write(`${JSON.stringify({ level: LEVELS[level], time: new Date().toISOString(), service: 'stack', ...fields, msg })}\n`);
  };
  const logger = { info: write.bind(null, 'info'), warn: write.bind(null, 'warn'), error: write.bind(null, 'error') };
  return {
    format: 'json',
    line(name, stream, text) {
      if (stream === 'stderr') stderr.write(`${text}\n`);
      else if (text.startsWith('{')) stdout.write(`${text}\n`);
      // Something other than a log line on stdout (tsx watch's notices, a console.log): still one JSON line.
      else if (text.trim()) stdout.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), service: name, msg: text })}\n`);
    },
    step(label, ms, { detail, failed } = {}) {
      const fields = { step: label, ms: Math.round(ms) };
      if (failed) logger.error(fields, `${label} failed${detail ? `: ${detail}` : ''}`);
      else logger.info({ ...fields, ...(detail ? { detail } : {}) }, `${label} (${seconds(ms)})`);
    },
    event(level, message, fields = {}) {
      logger[level](fields, message);
    },
    notice(text) {
      logger.info({}, text.trim().replace(/\n\s*/g, ' | '));
    },
    phase() {},
  };
}

function prettyOutput(stdout: NodeJS.WritableStream, colors: boolean, verbose: boolean): StackOutput {
  const paint = (style: Style, text: string) => (colors ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const label = (name: string) => paint(NAME_STYLES[name] ?? 'bold', name.padEnd(NAME_WIDTH));
  const pretty = pinoPretty.prettyFactory({
    colorize: colors,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'pid,hostname,service,reqId,req,res,responseTime,operationName',
    messageFormat: (log, messageKey) => {
      const req = log['req'] as { method?: string; url?: string } | undefined;
      const res = log['res'] as { statusCode?: number } | undefined;
      if (req && res) {
        const operation = typeof log['operationName'] === 'string' ? ` ${log['operationName']}` : '';
        const took = typeof log['responseTime'] === 'number' ? log['responseTime'] : '?';
        return `${req.method} ${req.url} ${res.statusCode} ${took} ms${operation} (${typeof log['reqId'] === 'string' ? log['reqId'] : ''})`;
      }
      const message = log[messageKey];
      return typeof message === 'string' ? message : JSON.stringify(message ?? '');
    },
  });
  let phase: 'starting' | 'running' | 'stopping' = 'starting';
  /** When start-up was over: a request served before it (a line may arrive just after) was start-up's. */
  let runningSince = Number.POSITIVE_INFINITY;
  const write = (name: string, text: string) => {
    // Every physical line carries the name, so an error's stack trace still says whose it is.
    for (const part of text.replace(/\n+$/, '').split('\n')) stdout.write(`${label(name)} ${part}\n`);
  };
  const show = (name: string, log: Record<string, unknown>): boolean => {
    const level = typeof log['level'] === 'number' ? log['level'] : 30;
    // A deliberate stop's own notices ("shutting down", "database disconnected") are no news.
    if (phase === 'stopping') return level >= 50;
    if (level >= 40) return true;
    const isRequest = log['res'] !== undefined && log['responseTime'] !== undefined;
    if (!isRequest || verbose) return true;
    const time = typeof log['time'] === 'string' || typeof log['time'] === 'number' ? new Date(log['time']).getTime() : Date.now();
    return name === 'gateway' && phase === 'running' && !(time < runningSince);
  };
  return {
    format: 'pretty',
    line(name, stream, text) {
      if (!text.trim()) return;
      if (text.startsWith('{')) {
        try {
          const log = JSON.parse(text) as Record<string, unknown>;
          if (show(name, log)) write(name, pretty(log));
          return;
        } catch {
          // not JSON after all: shown as it is
        }
      }
      if (phase === 'stopping' && stream === 'stdout') return;
      write(name, stream === 'stderr' ? paint('red', text) : text);
    },
    step(what, ms, { detail, failed } = {}) {
      const mark = failed ? paint('red', '✖') : paint('green', '✔');
      stdout.write(
        `${mark} ${what} ${paint('gray', seconds(ms))}${detail ? `  ${failed ? paint('red', detail) : paint('dim', detail)}` : ''}\n`,
      );
    },
    event(level, message) {
      const mark = level === 'info' ? paint('green', '✔') : level === 'warn' ? paint('yellow', '⚠') : paint('red', '✖');
      stdout.write(`${mark} ${level === 'info' ? message : paint(level === 'warn' ? 'yellow' : 'red', message)}\n`);
    },
    notice(text) {
      stdout.write(text);
    },
    phase(next) {
      phase = next;
      if (next === 'running') runningSince = Date.now();
    },
  };
}

/**
 * Runs one start-up step and reports it with its duration; a failure too (then rethrows), except a
 * start-up cut short on purpose (`StackStoppedError`).
 */
export async function timed<T>(
  output: StackOutput,
  label: string,
  work: () => Promise<T>,
  describe: { label?: (result: T) => string; detail?: (result: T) => string | undefined } = {},
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    output.step(describe.label?.(result) ?? label, performance.now() - started, { detail: describe.detail?.(result) });
    return result;
  } catch (error) {
    if (!(error instanceof Error && error.name === 'StackStoppedError')) {
      output.step(label, performance.now() - started, {
        failed: true,
        detail: error instanceof Error ? error.message.split('\n')[0] : String(error),
      });
    }
    throw error;
  }
}

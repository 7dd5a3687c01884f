import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Query, Schema } from 'mongoose';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * Work whose caller has gone stops. Every GraphQL request a subgraph serves runs with a deadline
 * (the HTTP shell starts it, `runWithDeadline`), a bit under the gateway's SUBGRAPH_TIMEOUT_MS, so
 * the subgraph answers "took too long" before the gateway stops waiting; and the deadline is
 * abandoned as soon as the client disconnects (the gateway gave up, a client closed its socket).
 *
 * The database follows on its own: `deadlinePlugin`, on every connection `connectDatabase` makes,
 * gives each read of a request (find, findOne, countDocuments, aggregate) `maxTimeMS` = the time
 * left, so the server itself ends a command that would outlast the deadline (MongoDB and FerretDB
 * both honour it on find and aggregate), and refuses to start any command once the deadline has
 * passed or the caller has gone. With MongoDB, a read in flight when the caller goes is also
 * cancelled (the driver drops its connection, and the server kills a command whose client is
 * gone); FerretDB finishes it, within its maxTimeMS.
 *
 * Writes are never cut in the middle: a request that has started writing finishes what it started
 * (a mutation's second write must not be lost because its client went away after the first), and
 * so does anything still running after its answer went out. A write is refused only before the
 * first one, when the deadline has already passed.
 *
 * Work no request asked for (jobs, event consumers, CLIs) has no deadline. Work a request starts
 * for everybody, like filling a process-wide cache, runs `outsideDeadline`, so one caller leaving
 * does not fail the others waiting for the same result.
 */

/** A bit under the gateway's SUBGRAPH_TIMEOUT_MS (10 s). */
export const DEFAULT_REQUEST_DEADLINE_MS = 8000;

/** `cause`: the database's refusal (MaxTimeMSExpired), when it was the server that stopped. */
export function requestTimedOut(cause?: Error): GraphQLError {
  return new GraphQLError('This request took too long and was stopped. Try again, or ask for less.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    ...(cause ? { originalError: cause } : {}),
  });
}

export function callerGone(): GraphQLError {
  return new GraphQLError('The caller has gone: the request was stopped.', { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
}

type State = 'running' | 'writing' | 'released';

export class Deadline {
  readonly expiresAt: number;
  readonly #stopped = new AbortController();
  readonly #gone = new AbortController();
  readonly #timer: NodeJS.Timeout;
  #state: State = 'running';

  constructor(
    readonly ms: number,
    private readonly onStop?: (reason: 'timeout' | 'gone') => void,
  ) {
    this.expiresAt = Date.now() + ms;
    this.#timer = setTimeout(() => this.#stop('timeout'), ms);
    this.#timer.unref();
  }

  /** Aborted, with the reason as an error, once the time is up or the caller has gone: stop waiting (queues, timers). */
  get signal(): AbortSignal {
    return this.#stopped.signal;
  }

  /** Whether the deadline still cuts work: not once the request has started writing, nor once its answer is out. */
  get cuts(): boolean {
    return this.#state === 'running';
  }

  /** Milliseconds left; 0 or less once the time is up. */
  remainingMs(): number {
    return this.expiresAt - Date.now();
  }

  /** The caller has gone (the HTTP client disconnected before its answer). */
  abandon(): void {
    if (!this.cuts) return;
    this.#gone.abort(callerGone());
    this.#stop('gone');
  }

  /** The answer is out: whatever still runs for the request is not cut. */
  release(): void {
    this.#state = 'released';
    clearTimeout(this.#timer);
  }

  /** Throws why the request stops (time up, caller gone), if it does. */
  throwIfOver(): void {
    if (!this.cuts) return;
    if (this.#stopped.signal.aborted) throw this.#stopped.signal.reason;
    if (this.remainingMs() <= 0) {
      this.#stop('timeout');
      throw this.#stopped.signal.reason;
    }
  }

  /** Options for a read: `maxTimeMS` = the time left, and a signal aborted when the caller goes. Null once the deadline no longer cuts. */
  readOptions(): { maxTimeMS: number; signal: AbortSignal } | null {
    if (!this.cuts) return null;
    this.throwIfOver();
    return { maxTimeMS: Math.max(1, Math.floor(this.remainingMs())), signal: this.#gone.signal };
  }

  /** A write starts: refused when the deadline has passed; from then on the request finishes what it started. */
  beginWrite(): void {
    if (!this.cuts) return;
    this.throwIfOver();
    this.#state = 'writing';
    clearTimeout(this.#timer);
  }

  #stop(reason: 'timeout' | 'gone'): void {
    if (!this.cuts || this.#stopped.signal.aborted) return;
    clearTimeout(this.#timer);
    this.#stopped.abort(reason === 'timeout' ? requestTimedOut() : callerGone());
    this.onStop?.(reason);
  }
}

const storage = new AsyncLocalStorage<Deadline>();

/** Runs `run` (and everything it starts) under `deadline`. */
export function runWithDeadline<T>(deadline: Deadline, run: () => T): T {
  return storage.run(deadline, run);
}

/** The deadline of the request being served, if any. */
export function currentDeadline(): Deadline | undefined {
  return storage.getStore();
}

/** Runs `run` with no deadline: work a request starts on behalf of every request (a process-wide cache). */
export function outsideDeadline<T>(run: () => T): T {
  return storage.exit(run);
}

/**
 * The HTTP shell's hook: runs one request under a deadline of `ms`, abandoned when the client
 * disconnects before the answer is out, released once it is.
 */
export function runRequestWithDeadline<T>(res: ServerResponse, ms: number, logger: Logger, run: () => T): T {
  const deadline = new Deadline(ms, (reason) =>
    logger.warn(
      { deadlineMs: ms },
      reason === 'timeout' ? 'request deadline passed: its database work is cut' : 'client went away: request stopped',
    ),
  );
  res.once('finish', () => deadline.release());
  res.once('close', () => (res.writableFinished ? deadline.release() : deadline.abandon()));
  // The client may have gone already (while the body was read): 'close' will not come again.
  if (res.destroyed && !res.writableFinished) deadline.abandon();
  return runWithDeadline(deadline, run);
}

// ---------------------------------------------------------------------------------------------
// The mongoose plugin

/** Reads the server can time out itself (maxTimeMS): FerretDB and MongoDB honour it on find and aggregate. */
const TIMED_READS = ['find', 'findOne', 'countDocuments'] as const;
/** Reads FerretDB takes no maxTimeMS for: refused once over, never cut. */
const OTHER_READS = ['distinct', 'estimatedDocumentCount'] as const;
const WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'replaceOne',
] as const;

/** MongoDB's MaxTimeMSExpired. */
const MAX_TIME_MS_EXPIRED = 50;

function timedOutError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return code === MAX_TIME_MS_EXPIRED && error instanceof Error && currentDeadline() ? requestTimedOut(error) : error;
}

/** Applies the current request's deadline to every database command of a schema's models (see above). */
export function deadlinePlugin(schema: Schema): void {
  schema.pre<Query<unknown, unknown>>([...TIMED_READS], function () {
    const options = currentDeadline()?.readOptions();
    if (!options) return;
    const given = this.getOptions().maxTimeMS;
    // The driver takes `signal` on reads (Abortable); mongoose passes query options through.
    this.setOptions({ maxTimeMS: given ? Math.min(given, options.maxTimeMS) : options.maxTimeMS, signal: options.signal });
  });
  schema.pre('aggregate', function () {
    const options = currentDeadline()?.readOptions();
    if (!options) return;
    const given = this.options.maxTimeMS;
    this.options.maxTimeMS = given ? Math.min(given, options.maxTimeMS) : options.maxTimeMS;
    (this.options as { signal?: AbortSignal }).signal = options.signal;
  });
  schema.pre([...OTHER_READS], () => {
    currentDeadline()?.throwIfOver();
  });
  schema.pre([...WRITES], () => {
    currentDeadline()?.beginWrite();
  });
  schema.pre('save', () => {
    currentDeadline()?.beginWrite();
  });
  schema.pre('insertMany', () => {
    currentDeadline()?.beginWrite();
  });
  schema.pre('bulkWrite', () => {
    currentDeadline()?.beginWrite();
  });
  schema.post([...TIMED_READS], { errorHandler: true }, (error) => {
    throw timedOutError(error);
  });
  schema.post('aggregate', { errorHandler: true }, (error) => {
    throw timedOutError(error);
  });
}

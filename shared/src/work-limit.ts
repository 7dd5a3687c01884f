import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';

/**
 * A per-process cap on concurrent expensive work (a subgraph's searches, say): at most
 * `concurrency` tasks run at once, at most `queue` more wait for a turn in arrival order, and any
 * beyond that are refused at once with SERVICE_UNAVAILABLE and `retryAfterSeconds`, rather than
 * piling up on the database. A waiting task leaves the line when its signal aborts (the request's
 * deadline passed, its caller went away: `currentDeadline()?.signal`), and never runs.
 */
export interface WorkLimitOptions {
  /** What is limited, as a person reads it in the refusal: "Search" is busy. */
  name: string;
  concurrency: number;
  queue: number;
  /** Told to a refused caller (default 1). */
  retryAfterSeconds?: number;
}

export function busy(name: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`${name} is busy: try again in a moment.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds },
  });
}

interface Waiter {
  start: () => void;
}

export class WorkLimit {
  #running = 0;
  readonly #waiting: Waiter[] = [];

  constructor(readonly options: WorkLimitOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
      throw new RangeError('concurrency must be a whole number of at least 1');
    if (!Number.isInteger(options.queue) || options.queue < 0) throw new RangeError('queue must be a whole number of at least 0');
  }

  /** Tasks running now. */
  get running(): number {
    return this.#running;
  }

  /** Tasks waiting for a turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Runs `task` when a turn is free; refused (`busy`) when the line is full, left when `signal` aborts. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.#running < this.options.concurrency) this.#running += 1;
    else await this.#wait(signal);
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    if (this.#waiting.length >= this.options.queue) throw busy(this.options.name, this.options.retryAfterSeconds ?? 1);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#waiting.indexOf(waiter);
        if (at >= 0) this.#waiting.splice(at, 1);
        reject(signal!.reason as Error);
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** A finished task hands its turn to the first waiter, if any. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next.start();
    else this.#running -= 1;
  }
}

import cluster, { type Worker } from 'node:cluster';
import type { ClientRateLimitInfo, IncrementResponse, Options } from 'express-rate-limit';
import type { RateLimitStore } from './limits.js';

/**
 * The rate limit of GATEWAY_WORKERS > 1 without a message to the primary per request.
 *
 * The primary keeps each client's count for the window (a `LeaseLedger`), as a single process
 * would. A worker does not ask it for every request: it asks for a lease of several requests at
 * once and counts them down itself. The primary counts a lease as spent when it grants it, so the
 * requests let through across all workers never exceed the limit. What a lease costs instead is
 * the other way round: a client may be refused while another worker still holds part of a lease
 * for it. Leases are small to bound that (at most a quarter of what is left divided by the
 * workers, at most `MAX_LEASE`), and a worker gives back what it has not used after `IDLE_MS`
 * without a request from that client. At the default 300 a minute, with two workers, a client's
 * first lease is 37 requests; near the limit leases are of one request, as the per-request count
 * was.
 *
 * Why: the per-request round trip to the primary (a message each way, a timer) was about a fifth
 * of our gateway's own CPU on a request sent straight on (bench/README.md, profile `T13-27-39`).
 */

/** The most requests one lease holds. */
export const MAX_LEASE = 256;
/** A lease not drawn on for this long is given back to the primary. */
export const IDLE_MS = 1000;

const FROM = 'gigmart:rate-limit';

/** A worker asks for a lease and waits for the answer. */
export interface LeaseAsk {
  type: 'lease';
  key: string;
  limit: number;
  windowMs: number;
}

/** A worker tells the primary and does not wait: unused requests given back, a client's count reset. */
export type LeaseNotice = { type: 'release'; key: string; count: number; resetTime: number } | { type: 'reset'; key: string };

export type LeaseRequest = LeaseAsk | LeaseNotice;

export interface LeaseAnswer {
  /** Requests granted to the asking worker (0: the client is over its limit). */
  granted: number;
  /** Requests counted for the client in this window, across all workers, this grant included. */
  counted: number;
  /** When the window ends (ms since the epoch). */
  resetTime: number;
}

/** The primary's counts: per client, what has been granted in the current window. Pure, with the time passed in. */
export class LeaseLedger {
  private readonly windows = new Map<string, { counted: number; resetTime: number }>();

  constructor(private readonly workers: number) {}

  lease(key: string, limit: number, windowMs: number, now: number): LeaseAnswer {
    let window = this.windows.get(key);
    if (!window || window.resetTime <= now) {
      window = { counted: 0, resetTime: now + windowMs };
      this.windows.set(key, window);
    }
    const left = limit - window.counted;
    // Over the limit: refused, and not counted, so requests given back later are all usable.
    if (left <= 0) return { granted: 0, counted: window.counted + 1, resetTime: window.resetTime };
    const granted = Math.max(1, Math.min(MAX_LEASE, Math.floor(left / (4 * this.workers))));
    window.counted += granted;
    return { granted, counted: window.counted, resetTime: window.resetTime };
  }

  /** Unused requests of a lease, back; ignored once the window they were granted in has ended. */
  release(key: string, count: number, resetTime: number): void {
    const window = this.windows.get(key);
    if (window && window.resetTime === resetTime) window.counted = Math.max(0, window.counted - count);
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  /** Forgets the windows that have ended. */
  sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetTime <= now) this.windows.delete(key);
  }
}

interface Lease {
  left: number;
  counted: number;
  resetTime: number;
  lastUsed: number;
}

/**
 * A worker's store (express-rate-limit's `Store`): requests are counted down from leases, and a new
 * lease is asked for (`ask`) when there is none left. `ask` and `tell` are messages to the primary
 * in a cluster, a `LeaseLedger` in the tests. A lease not drawn on for `IDLE_MS` is given back.
 */
export class LeasedRateLimitStore implements RateLimitStore {
  private readonly leases = new Map<string, Lease>();
  private limit = 0;
  private windowMs = 60_000;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly ask: (request: LeaseAsk) => Promise<LeaseAnswer>,
    private readonly tell: (notice: LeaseNotice) => void,
    private readonly now: () => number = Date.now,
  ) {}

  init(options: Options): void {
    if (typeof options.limit !== 'number') throw new Error('LeasedRateLimitStore needs a fixed number as the limit');
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.sweeper = setInterval(() => this.giveBackIdle(), IDLE_MS);
    this.sweeper.unref();
  }

  async increment(key: string): Promise<IncrementResponse> {
    const lease = this.leases.get(key);
    const now = this.now();
    if (lease && lease.resetTime <= now) this.leases.delete(key);
    else if (lease && lease.left > 0) {
      lease.left -= 1;
      lease.lastUsed = now;
      return { totalHits: lease.counted - lease.left, resetTime: new Date(lease.resetTime) };
    }
    const answer = await this.ask({ type: 'lease', key, limit: this.limit, windowMs: this.windowMs });
    if (answer.granted === 0) return { totalHits: answer.counted, resetTime: new Date(answer.resetTime) };
    // Another request of this client may have been granted a lease meanwhile: the two add up.
    const current = this.leases.get(key);
    const same = current && current.resetTime === answer.resetTime ? current : null;
    const held = {
      left: answer.granted - 1 + (same?.left ?? 0),
      counted: Math.max(answer.counted, same?.counted ?? 0),
      resetTime: answer.resetTime,
      lastUsed: this.now(),
    };
    this.leases.set(key, held);
    return { totalHits: held.counted - held.left, resetTime: new Date(held.resetTime) };
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const lease = this.leases.get(key);
    return lease && lease.resetTime > this.now()
      ? { totalHits: lease.counted - lease.left, resetTime: new Date(lease.resetTime) }
      : undefined;
  }

  /** A request not to count after all: back into this worker's lease. */
  decrement(key: string): void {
    const lease = this.leases.get(key);
    if (lease) lease.left += 1;
  }

  resetKey(key: string): void {
    this.leases.delete(key);
    this.tell({ type: 'reset', key });
  }

  /** Gives back what leases idle for IDLE_MS still hold; forgets the leases of ended windows. */
  giveBackIdle(): void {
    const now = this.now();
    for (const [key, lease] of this.leases) {
      if (lease.resetTime <= now) this.leases.delete(key);
      else if (now - lease.lastUsed >= IDLE_MS) {
        this.leases.delete(key);
        if (lease.left > 0) this.tell({ type: 'release', key, count: lease.left, resetTime: lease.resetTime });
      }
    }
  }

  shutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}

interface Envelope {
  from: typeof FROM;
  id: number;
  request?: LeaseRequest;
  answer?: LeaseAnswer;
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as { from?: unknown }).from === FROM;
}

/** In the primary: answers the workers' lease requests from one ledger. */
export function serveRateLimitLeases(workers: number): void {
  const ledger = new LeaseLedger(workers);
  setInterval(() => ledger.sweep(Date.now()), 60_000).unref();
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isEnvelope(message) || !message.request) return;
    const request = message.request;
    const now = Date.now();
    if (request.type === 'lease') {
      const answer = ledger.lease(request.key, request.limit, request.windowMs, now);
      worker.send({ from: FROM, id: message.id, answer } satisfies Envelope);
    } else if (request.type === 'release') ledger.release(request.key, request.count, request.resetTime);
    else ledger.reset(request.key);
  });
}

/**
 * In a worker: the store, asking the primary over the cluster's channel. An answer that does not
 * come within a second fails the count, and express-rate-limit then lets the request through
 * (passOnStoreError, limits.ts), as with a shared store out of reach.
 */
export function workerRateLimitStore(): LeasedRateLimitStore {
  const waiting = new Map<number, (answer: LeaseAnswer) => void>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isEnvelope(message) || !message.answer) return;
    waiting.get(message.id)?.(message.answer);
    waiting.delete(message.id);
  });
  const send = (request: LeaseRequest): number => {
    if (!process.send) throw new Error('the rate limit store needs a cluster worker');
    const id = (next += 1);
    process.send({ from: FROM, id, request } satisfies Envelope);
    return id;
  };
  return new LeasedRateLimitStore(
    (request) =>
      new Promise<LeaseAnswer>((resolve, reject) => {
        const id = send(request);
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error('the gateway primary did not answer a rate limit lease within 1 s'));
        }, 1000);
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
      }),
    (notice) => void send(notice),
  );
}

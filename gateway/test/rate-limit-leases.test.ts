import type { Options } from 'express-rate-limit';
import { describe, expect, it } from 'vitest';
import { IDLE_MS, LeaseLedger, LeasedRateLimitStore, type LeaseAsk, type LeaseNotice } from '../src/rate-limit-leases.js';

const WINDOW_MS = 60_000;

/** Workers' stores drawing on one primary's ledger, in one process, on a clock the test moves. */
function cluster(workers: number, limit: number) {
  const clock = { now: 1_000_000 };
  const ledger = new LeaseLedger(workers);
  let asks = 0;
  const ask = async (request: LeaseAsk) => {
    asks += 1;
    // As over IPC: the answer comes later, not in the same tick.
    await Promise.resolve();
    return ledger.lease(request.key, request.limit, request.windowMs, clock.now);
  };
  const tell = (notice: LeaseNotice) => {
    if (notice.type === 'release') ledger.release(notice.key, notice.count, notice.resetTime);
    else ledger.reset(notice.key);
  };
  const stores = Array.from({ length: workers }, () => {
    const store = new LeasedRateLimitStore(ask, tell, () => clock.now);
    store.init({ limit, windowMs: WINDOW_MS } as Options);
    store.shutdown();
    return store;
  });
  /** express-rate-limit's judgement: through while the count is within the limit. */
  const through = async (worker: number, key = 'client') => (await stores[worker]!.increment(key)).totalHits <= limit;
  return { clock, stores, through, asks: () => asks };
}

describe('the rate limit across gateway workers, in leases', () => {
  it('lets exactly the limit through across two workers taking turns, then refuses', async () => {
    const { through } = cluster(2, 4);
    const results: boolean[] = [];
    for (let i = 0; i < 5; i += 1) results.push(await through(i % 2));
    expect(results).toEqual([true, true, true, true, false]);
  });

  it('asks the primary once per lease, not per request', async () => {
    const { through, asks } = cluster(2, 100_000_000);
    for (let i = 0; i < 1000; i += 1) expect(await through(i % 2)).toBe(true);
    // Leases of 256 (the most one holds): 4 for 1,000 requests, 2 per worker.
    expect(asks()).toBe(4);
  });

  it('never lets more than the limit through, however the requests fall on the workers', async () => {
    for (const pattern of [(i: number) => i % 2, (i: number) => (i < 150 ? 0 : 1), (i: number) => (i % 7 === 0 ? 1 : 0)]) {
      const { through } = cluster(2, 300);
      let passed = 0;
      for (let i = 0; i < 600; i += 1) if (await through(pattern(i))) passed += 1;
      expect(passed).toBeLessThanOrEqual(300);
      // What other workers still hold is at most a quarter of the limit.
      expect(passed).toBeGreaterThanOrEqual(300 - 300 / 4);
    }
  });

  it("gives an idle lease back, so the client's other worker can use it", async () => {
    const { clock, stores, through } = cluster(2, 300);
    // Worker 0 holds a lease of 37 after one request; worker 1 uses what is left until refused.
    expect(await through(0)).toBe(true);
    let onOne = 0;
    while (await through(1)) onOne += 1;
    expect(onOne).toBe(300 - 37);
    // A second without a request on worker 0: its 36 unused requests go back to the primary.
    clock.now += IDLE_MS;
    stores[0]!.giveBackIdle();
    stores[1]!.giveBackIdle();
    let more = 0;
    while (await through(1)) more += 1;
    expect(more).toBe(36);
  });

  it('starts a new count when the window ends, and ignores what is given back from an ended window', async () => {
    const { clock, stores, through } = cluster(2, 300);
    expect(await through(0)).toBe(true);
    let onOne = 0;
    while (await through(1)) onOne += 1;
    expect(onOne).toBe(263);
    clock.now += WINDOW_MS;
    // Worker 0's lease of the ended window is forgotten, not given back into the new one.
    stores[0]!.giveBackIdle();
    let next = 0;
    while (await through(1)) next += 1;
    expect(next).toBe(300);
  });

  it('adds up two leases granted to one worker for requests that asked at once', async () => {
    const { stores } = cluster(1, 100_000_000);
    const answers = await Promise.all([stores[0]!.increment('client'), stores[0]!.increment('client')]);
    // Two leases of 256: one request each, 510 left in the worker, 512 counted by the primary.
    expect(answers.map((a) => a.totalHits).sort((a, b) => a - b)).toEqual([1, 2]);
    expect(stores[0]!.get('client')?.totalHits).toBe(2);
  });

  it('counts each client apart, and resets one on request', async () => {
    const { stores, through } = cluster(2, 2);
    expect([await through(0, 'a'), await through(1, 'a'), await through(0, 'a')]).toEqual([true, true, false]);
    expect(await through(0, 'b')).toBe(true);
    stores[0]!.resetKey('a');
    expect(await through(1, 'a')).toBe(true);
  });
});

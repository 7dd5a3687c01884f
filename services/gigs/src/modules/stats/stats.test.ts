import { EVENTS_ROUTE, newEventId, SERVICE_TOKEN_HEADER, type OrderFactEvent, type OrderFacts, type OrderFactType } from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGigs, startGigsHarness, type GigsHarness } from '../../../test/harness.js';
import { applyOrderFacts, recomputeGigStats, reconcileStats, recordFacts } from './service.js';

function facts(orderId: string, gigId: string, status: OrderFacts['status'], rating: number | null = null): OrderFacts {
  return { orderId, gigId, sellerId: 'seller', status, rating };
}

function event(type: OrderFactType, sequence: number, data: OrderFacts): OrderFactEvent {
  return { id: newEventId(), type, aggregateId: data.orderId, sequence, occurredAt: new Date().toISOString(), data };
}

/** A gig's order histories: completed + 5 stars, completed + 3 stars, completed unrated, cancelled, open. */
function histories(gigId: string): OrderFactEvent[] {
  const o = () => new Types.ObjectId().toHexString();
  const [a, b, c, d, e] = [o(), o(), o(), o(), o()];
  return [
    event('order.placed', 0, facts(a, gigId, 'IN_PROGRESS')),
    event('order.completed', 2, facts(a, gigId, 'COMPLETED')),
    event('review.left', 3, facts(a, gigId, 'COMPLETED', 5)),
    event('order.placed', 0, facts(b, gigId, 'AWAITING_REQUIREMENTS')),
    event('order.auto_completed', 4, facts(b, gigId, 'COMPLETED')),
    event('review.left', 5, facts(b, gigId, 'COMPLETED', 3)),
    event('order.placed', 0, facts(c, gigId, 'IN_PROGRESS')),
    event('order.completed', 2, facts(c, gigId, 'COMPLETED')),
    event('order.placed', 0, facts(d, gigId, 'IN_PROGRESS')),
    event('order.cancelled', 1, facts(d, gigId, 'CANCELLED')),
    event('order.placed', 0, facts(e, gigId, 'IN_PROGRESS')),
  ];
}

const EXPECTED = { ordersCompleted: 3, ordersInQueue: 1, ratingSum: 8, ratingCount: 2, ratingAverage: 4 };

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('order facts consumer (real database)', () => {
  let h: GigsHarness;
  beforeAll(async () => {
    h = await startGigsHarness('stats');
  });
  afterAll(() => h?.stop());

  const models = () => h.service.models;
  /** A context with no viewer, as the consumer and the reconciliation run with. */
  const ctx = () => h.context();
  /** The consumer as both transports call it. */
  const handler = (events: OrderFactEvent[]) => applyOrderFacts(ctx(), events);
  const storedStats = async (gigId: string) => {
    const gig = await models().Gig.findById(gigId).lean().exec();
    return { stats: gig!.stats, ratingSortKey: gig!.ratingSortKey };
  };

  it('gives the same stats for every event twice and shuffled as for each once in order', async () => {
    const [once, messy] = await insertGigs(models(), [{}, {}]);
    for (const e of histories(String(once!._id))) await handler([e]);
    const messyEvents = histories(String(messy!._id));
    const doubled = shuffled([...messyEvents, ...messyEvents], 7);
    // Some one at a time, some in batches, some concurrently: all orders of arrival.
    await handler(doubled.slice(0, 6));
    await Promise.all(doubled.slice(6, 14).map((e) => handler([e])));
    for (const e of doubled.slice(14)) await handler([e]);
    expect(await storedStats(String(once!._id))).toEqual({ stats: EXPECTED, ratingSortKey: 4 });
    expect(await storedStats(String(messy!._id))).toEqual({ stats: EXPECTED, ratingSortKey: 4 });
  });

  it('never lets older facts replace newer ones', async () => {
    const OrderFact = models().OrderFact;
    const orderId = new Types.ObjectId().toHexString();
    expect(await recordFacts(ctx(), { facts: facts(orderId, 'g', 'COMPLETED', 5), sequence: 3 })).toBe(true);
    expect(await recordFacts(ctx(), { facts: facts(orderId, 'g', 'IN_PROGRESS'), sequence: 0 })).toBe(false);
    expect(await recordFacts(ctx(), { facts: facts(orderId, 'g', 'COMPLETED', 5), sequence: 3 })).toBe(false);
    expect(await OrderFact.findById(orderId).lean().exec()).toMatchObject({ sequence: 3, completed: 1, rated: 1, rating: 5 });
  });

  it('does not let a recomputation with an older ticket overwrite a newer result', async () => {
    const [gig] = await insertGigs(models(), [{}]);
    const gigId = String(gig!._id);
    await handler(histories(gigId));
    // A later ticket has written already (as if a faster, newer recomputation finished first).
    await models()
      .Gig.updateOne({ _id: gigId }, { $set: { statsVersion: 1000, 'stats.ordersCompleted': 99 } })
      .exec();
    expect(await recomputeGigStats(ctx(), gigId)).toEqual(EXPECTED);
    expect((await storedStats(gigId)).stats.ordersCompleted).toBe(99);
  });

  it('takes batches at the internal route with the service credential only, and search sorts and filters by them', async () => {
    const [low, high, unrated] = await insertGigs(models(), [
      { title: 'Stats route low' },
      { title: 'Stats route high' },
      { title: 'Stats route unrated' },
    ]);
    const o = () => new Types.ObjectId().toHexString();
    const batch = [
      event('review.left', 3, facts(o(), String(high!._id), 'COMPLETED', 5)),
      event('review.left', 3, facts(o(), String(low!._id), 'COMPLETED', 2)),
      event('order.completed', 2, facts(o(), String(unrated!._id), 'COMPLETED')),
      event('order.completed', 2, facts(o(), String(unrated!._id), 'COMPLETED')),
    ];
    const post = (token: string) =>
      fetch(`${h.url}${EVENTS_ROUTE}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_TOKEN_HEADER]: token },
        body: JSON.stringify({ events: batch }),
      });
    expect((await post('wrong'.repeat(10))).status).toBe(401);
    // The credential is checked before the body is read: a stranger's megabyte is never parsed.
    const stranger = await fetch(`${h.url}${EVENTS_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"events": [${'{'.repeat(500_000)}`,
    });
    expect(stranger.status).toBe(401);
    expect((await post(TEST_SERVICE_TOKEN)).status).toBe(204);
    const search = (sort: string, filter: Record<string, unknown>) =>
      h.gql<{ searchGigs: { edges: Array<{ node: { id: string } }> } }>(
        `query ($sort: GigSort, $filter: GigFilter) { searchGigs(query: "stats route", sort: $sort, filter: $filter, first: 10) { edges { node { id } } } }`,
        { sort, filter },
      );
    const ids = (res: Awaited<ReturnType<typeof search>>) => res.data!.searchGigs.edges.map((e) => e.node.id);
    expect(ids(await search('TOP_RATED', {}))).toEqual([String(high!._id), String(low!._id), String(unrated!._id)]);
    expect(ids(await search('TOP_RATED', { minRating: 4.5 }))).toEqual([String(high!._id)]);
    expect(ids(await search('BEST_SELLING', {}))[0]).toBe(String(unrated!._id));
  });

  it('reconciles with the source of truth and reports what it changed', async () => {
    const [drifted, fine] = await insertGigs(models(), [{}, {}]);
    const [driftedId, fineId] = [String(drifted!._id), String(fine!._id)];
    await handler(histories(fineId));
    const lost = new Types.ObjectId().toHexString();
    // The drifted gig saw its order placed but never the completion nor the review.
    await handler([event('order.placed', 0, facts(lost, driftedId, 'IN_PROGRESS'))]);
    const truth = [
      { ...facts(lost, driftedId, 'COMPLETED', 4), sequence: 3 },
      ...(await models().OrderFact.find({ gigId: fineId }).lean().exec()).map((row) => ({
        orderId: row._id,
        gigId: fineId,
        sellerId: row.sellerId,
        status: row.status as OrderFacts['status'],
        rating: row.rated ? row.rating : null,
        sequence: row.sequence,
      })),
    ];
    const pages = [truth.slice(0, 3), truth.slice(3)];
    const report = await reconcileStats(ctx(), (after) =>
      Promise.resolve(after === null ? { facts: pages[0]!, next: 'p2' } : { facts: pages[1]!, next: null }),
    );
    expect(report.ordersSeen).toBe(truth.length);
    expect(report.factsRepaired).toBe(1);
    const change = report.changes.find((c) => c.gigId === driftedId);
    expect(change).toMatchObject({
      before: { ordersCompleted: 0, ordersInQueue: 1 },
      after: { ordersCompleted: 1, ordersInQueue: 0, ratingAverage: 4 },
    });
    expect(report.changes.some((c) => c.gigId === fineId)).toBe(false);
    expect(await storedStats(driftedId)).toEqual({
      stats: { ordersCompleted: 1, ordersInQueue: 0, ratingSum: 4, ratingCount: 1, ratingAverage: 4 },
      ratingSortKey: 4,
    });
  });
});

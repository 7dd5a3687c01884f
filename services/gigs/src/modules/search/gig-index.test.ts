import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { GigSearchIndex, type IndexedGig, type IndexSource } from './gig-index.js';
import { compareValues, sortValues, SORTS } from './rules.js';

function gig(overrides: Partial<IndexSource> = {}): IndexSource {
  return {
    _id: new Types.ObjectId(),
    title: 'I will design a minimalist logo',
    description: 'Vector files included.',
    tags: ['logo'],
    categoryId: new Types.ObjectId(),
    sellerId: new Types.ObjectId(),
    status: 'ACTIVE',
    startingPriceCents: 2500,
    minDeliveryDays: 3,
    ratingSortKey: -1,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    statsVersion: 0,
    stats: { ordersCompleted: 0 },
    ...overrides,
  };
}

describe('GigSearchIndex.match: recent matches kept while the text is unchanged', () => {
  it('answers a repeated query from what it kept, through sales and rating changes', () => {
    const index = new GigSearchIndex();
    const a = gig();
    const b = gig({ title: 'I will write a blog post', tags: ['blog'] });
    index.apply(a, index.ticket());
    index.apply(b, index.ticket());
    const first = index.match(['minimalst']);
    expect([...first.keys()]).toEqual([String(a._id)]);
    expect(index.match(['minimalst'])).toBe(first);
    // A new rating changes the entry (and what sorts on it) but not the text: the match is kept.
    index.apply({ ...a, ratingSortKey: 4.5, statsVersion: 1, updatedAt: new Date('2026-01-02T00:00:00Z') }, index.ticket());
    expect(index.match(['minimalst'])).toBe(first);
    expect(index.get(String(a._id))?.ratingSortKey).toBe(4.5);
  });

  it('computes again once a gig is added, renamed or removed', () => {
    const index = new GigSearchIndex();
    const a = gig();
    index.apply(a, index.ticket());
    expect([...index.match(['logo']).keys()]).toEqual([String(a._id)]);

    const c = gig({ title: 'A logo for your cafe' });
    index.apply(c, index.ticket());
    expect([...index.match(['logo']).keys()].sort()).toEqual([String(a._id), String(c._id)].sort());

    index.apply({ ...c, title: 'A banner for your cafe', tags: ['banner'], updatedAt: new Date('2026-01-03T00:00:00Z') }, index.ticket());
    expect([...index.match(['logo']).keys()]).toEqual([String(a._id)]);
    expect([...index.match(['banner']).keys()]).toEqual([String(c._id)]);

    index.apply({ ...a, status: 'PAUSED' }, index.ticket());
    expect(index.match(['logo']).size).toBe(0);
  });
});

describe('GigSearchIndex.inOrder: sorted once, then kept current gig by gig', () => {
  it('stays equal to a fresh sort through sales, ratings, price changes, pauses and new gigs', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const index = new GigSearchIndex();
    const gigs = Array.from({ length: 300 }, (_, i) =>
      gig({
        ratingSortKey: Math.floor(random() * 4) + 1,
        stats: { ordersCompleted: Math.floor(random() * 5) },
        startingPriceCents: 500 + 100 * (i % 7),
      }),
    );
    for (const g of gigs) index.apply(g, index.ticket());
    const spec = SORTS.TOP_RATED;
    const order = () => index.inOrder(spec);
    const fresh = () =>
      [...index.all()]
        .sort((a: IndexedGig, b: IndexedGig) => compareValues(spec, sortValues(spec, a), sortValues(spec, b)))
        .map((g) => String(g._id));
    expect(order().rows.map((g) => String(g._id))).toEqual(fresh());

    for (let step = 1; step <= 400; step += 1) {
      const target = gigs[Math.floor(random() * gigs.length)]!;
      const at = new Date(Date.UTC(2026, 1, 1) + step * 1000);
      const roll = random();
      const next: IndexSource =
        roll < 0.1
          ? { ...target, status: 'PAUSED', updatedAt: at }
          : roll < 0.15
            ? gig({ ratingSortKey: random() * 5, updatedAt: at })
            : {
                ...target,
                status: 'ACTIVE',
                ratingSortKey: Math.floor(random() * 4) + 1,
                statsVersion: step,
                updatedAt: at,
                stats: { ordersCompleted: step },
              };
      if (roll >= 0.1 && roll < 0.15) gigs.push(next);
      else gigs[gigs.indexOf(target)] = next;
      index.apply(next, index.ticket());
    }
    const sorted = order();
    const { rows } = sorted;
    expect(rows.map((g) => String(g._id))).toEqual(fresh());
    // Each gig's kept key is its current one: a page after it starts right behind it.
    expect(rows.map((g) => sorted.firstAfter(sortValues(spec, g)))).toEqual(rows.map((_, i) => i + 1));
    expect(rows).toHaveLength(index.size);
  });
});

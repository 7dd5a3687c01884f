import { describe, expect, it } from 'vitest';
import { daysAsSeller, sellerLevel, type TrackRecord } from './rules.js';

const now = new Date('2026-12-31T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const record = (overrides: Partial<TrackRecord>): TrackRecord => ({
  completedOrders: 0,
  earnedCents: 0,
  sellerSince: daysAgo(0),
  averageRating: 5,
  onTimeDeliveryRate: 1,
  ...overrides,
});

describe('sellerLevel', () => {
  it('is NEW for a fresh seller', () => {
    expect(sellerLevel(record({}), now)).toBe('NEW');
  });

  it('reaches LEVEL_ONE exactly at 10 orders, $400 and 60 days, and not one short of any', () => {
    const at = { completedOrders: 10, earnedCents: 40_000, sellerSince: daysAgo(60) };
    expect(sellerLevel(record(at), now)).toBe('LEVEL_ONE');
    expect(sellerLevel(record({ ...at, completedOrders: 9 }), now)).toBe('NEW');
    expect(sellerLevel(record({ ...at, earnedCents: 39_999 }), now)).toBe('NEW');
    expect(sellerLevel(record({ ...at, sellerSince: daysAgo(59.9) }), now)).toBe('NEW');
  });

  it('reaches LEVEL_TWO at 50 orders, $2,000 and 120 days', () => {
    const at = { completedOrders: 50, earnedCents: 200_000, sellerSince: daysAgo(120) };
    expect(sellerLevel(record(at), now)).toBe('LEVEL_TWO');
    expect(sellerLevel(record({ ...at, completedOrders: 49 }), now)).toBe('LEVEL_ONE');
    expect(sellerLevel(record({ ...at, earnedCents: 199_999 }), now)).toBe('LEVEL_ONE');
    expect(sellerLevel(record({ ...at, sellerSince: daysAgo(119) }), now)).toBe('LEVEL_ONE');
  });

  it('reaches TOP_RATED at 100 orders, $20,000 and 180 days', () => {
    const at = { completedOrders: 100, earnedCents: 2_000_000, sellerSince: daysAgo(180) };
    expect(sellerLevel(record(at), now)).toBe('TOP_RATED');
    expect(sellerLevel(record({ ...at, earnedCents: 1_999_999 }), now)).toBe('LEVEL_TWO');
    expect(sellerLevel(record({ ...at, sellerSince: daysAgo(179) }), now)).toBe('LEVEL_TWO');
  });

  it('needs an average rating of 4.7 and 90% on time at every level', () => {
    const top = { completedOrders: 500, earnedCents: 9_000_000, sellerSince: daysAgo(900) };
    expect(sellerLevel(record({ ...top, averageRating: 4.7, onTimeDeliveryRate: 0.9 }), now)).toBe('TOP_RATED');
    expect(sellerLevel(record({ ...top, averageRating: 4.69 }), now)).toBe('NEW');
    expect(sellerLevel(record({ ...top, onTimeDeliveryRate: 0.89 }), now)).toBe('NEW');
    expect(sellerLevel(record({ ...top, averageRating: null }), now)).toBe('NEW');
    expect(sellerLevel(record({ ...top, onTimeDeliveryRate: null }), now)).toBe('NEW');
    expect(sellerLevel(record({ ...top, sellerSince: null }), now)).toBe('NEW');
  });

  it('counts whole days as a seller', () => {
    expect(daysAsSeller(daysAgo(1.99), now)).toBe(1);
    expect(daysAsSeller(null, now)).toBe(0);
    expect(daysAsSeller(new Date(now.getTime() + 1000), now)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { priceOrder } from './fees.js';

describe('priceOrder', () => {
  it('charges 5.5% plus $3.00 under $100', () => {
    expect(priceOrder(5000)).toEqual({
      subtotalCents: 5000,
      serviceFeeCents: 275 + 300,
      totalCents: 5575,
      commissionCents: 1000,
      sellerEarningsCents: 4000,
    });
  });

  it('drops the small-order fee at exactly $100.00 and keeps it one cent below', () => {
    expect(priceOrder(10_000).serviceFeeCents).toBe(550);
    expect(priceOrder(9_999).serviceFeeCents).toBe(550 + 300); // 549.945 rounds up to 550
  });

  it('rounds the fee half up to the cent', () => {
    // 5.5% of 10010 = 550.55 -> 551; of 10090 = 554.95 -> 555; of 10001 = 550.055 -> 550
    expect(priceOrder(10_010).serviceFeeCents).toBe(551);
    expect(priceOrder(10_090).serviceFeeCents).toBe(555);
    expect(priceOrder(10_001).serviceFeeCents).toBe(550);
    // exactly half a cent: 5.5% of 1000 = 55.0; of 10 = 0.55 -> 1; of 100 = 5.5 -> 6 (half up)
    expect(priceOrder(100).serviceFeeCents).toBe(6 + 300);
    expect(priceOrder(10).serviceFeeCents).toBe(1 + 300);
    // just under half a cent: 5.5% of 9 = 0.495 -> 0
    expect(priceOrder(9).serviceFeeCents).toBe(300);
  });

  it('splits the subtotal into commission and earnings without losing a cent', () => {
    for (const subtotal of [500, 501, 502, 503, 1234, 99_999, 1_000_000, 7]) {
      const amounts = priceOrder(subtotal);
      expect(amounts.commissionCents + amounts.sellerEarningsCents).toBe(subtotal);
      expect(amounts.totalCents).toBe(subtotal + amounts.serviceFeeCents);
    }
    // 20% of 503 = 100.6 -> 101; earnings 402. 20% of 502 = 100.4 -> 100; earnings 402.
    expect(priceOrder(503).sellerEarningsCents).toBe(402);
    expect(priceOrder(502).sellerEarningsCents).toBe(402);
    // 20% of 1_000_002.5 does not exist; 20% of 12_345_67 = 246_913.4 -> 246_913
    expect(priceOrder(1_234_567).sellerEarningsCents).toBe(1_234_567 - 246_913);
  });

  it('handles the largest package price and refuses non-integers', () => {
    expect(priceOrder(1_000_000)).toMatchObject({ serviceFeeCents: 55_000, totalCents: 1_055_000, sellerEarningsCents: 800_000 });
    expect(() => priceOrder(10.5)).toThrow(RangeError);
    expect(() => priceOrder(-1)).toThrow(RangeError);
  });
});

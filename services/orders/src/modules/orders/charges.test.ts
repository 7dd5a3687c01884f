import { describe, expect, it } from 'vitest';
import { chargeOf, deliveryDaysOf, partialRefundCents, pickExtras, quoteOrder, revisionsAllowed, totalsOf } from './charges.js';
import { priceOrder } from './fees.js';

const at = new Date('2026-06-01T10:00:00Z');
const gigExtras = [
  { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', kind: 'EXTRA_FAST_DELIVERY' as const, title: 'Express', description: null, priceCents: 2000, days: 1 },
  { id: 'bbbbbbbbbbbbbbbbbbbbbbbb', kind: 'ADDITIONAL_REVISION' as const, title: 'Revision', description: null, priceCents: 500, days: 0 },
  { id: 'cccccccccccccccccccccccc', kind: 'CUSTOM' as const, title: 'Source file', description: null, priceCents: 1500, days: 2 },
];

describe('charges: sums over charges, each with its own fee', () => {
  it('is priceOrder exactly for an order with one ORDER charge and no refund', () => {
    for (const subtotal of [500, 5000, 9_999, 10_000, 10_010, 25_010, 1_000_000]) {
      const { subtotalCents, serviceFeeCents, totalCents, sellerEarningsCents } = priceOrder(subtotal);
      expect(totalsOf([chargeOf('ORDER', subtotal, at)], 0, false)).toEqual({
        subtotalCents,
        serviceFeeCents,
        totalCents,
        sellerEarningsCents,
      });
    }
  });

  it('charges each purchase its own fee (the small-order fee again on a small purchase)', () => {
    // ORDER 50.00: 2.75 + 3.00; EXTRAS 15.00: 5.5% = 82.5 -> 83, + 3.00. On one subtotal of 65.00 it would be 3.58 + 3.00.
    const charges = [chargeOf('ORDER', 5000, at), chargeOf('EXTRAS', 1500, at)];
    expect(charges.map((c) => c.serviceFeeCents)).toEqual([575, 383]);
    expect(totalsOf(charges, 0, false)).toEqual({ subtotalCents: 6500, serviceFeeCents: 958, totalCents: 7458, sellerEarningsCents: 5200 });
  });

  it('leaves tips out of the order sums', () => {
    expect(totalsOf([chargeOf('ORDER', 5000, at), chargeOf('TIP', 1000, at)], 0, false).subtotalCents).toBe(5000);
  });

  it('rounds refunds half up and takes the commission on what is kept', () => {
    expect(partialRefundCents(10_050, 1)).toBe(101); // 100.5 -> 101
    expect(partialRefundCents(10_001, 33)).toBe(3300); // 3300.33 -> 3300
    expect(partialRefundCents(5000, 60)).toBe(3000);
    expect(partialRefundCents(9_999, 15)).toBe(1500); // 1499.85 -> 1500
    // Kept 10_050 - 101 = 9_949; 20% = 1989.8 -> 1990; earnings 7_959.
    expect(totalsOf([chargeOf('ORDER', 10_050, at)], 101, false).sellerEarningsCents).toBe(7_959);
    // Fees are kept: total stays what was paid.
    expect(totalsOf([chargeOf('ORDER', 10_050, at)], 101, false).totalCents).toBe(10_050 + 553);
    expect(totalsOf([chargeOf('ORDER', 10_050, at)], 0, true).sellerEarningsCents).toBe(0);
  });

  it('quotes a package with extras: days, revisions, one ORDER charge', () => {
    const pkg = { priceCents: 5000, deliveryDays: 3, revisions: 1 };
    const { extras, problems } = pickExtras(
      gigExtras,
      [
        { extraId: 'BBBBBBBBBBBBBBBBBBBBBBBB', quantity: 2 },
        { extraId: 'cccccccccccccccccccccccc', quantity: 1 },
      ],
      at,
      ['input', 'extras'],
    );
    expect(problems).toEqual([]);
    // 5000 + 2 x 500 + 1500 = 7500; 5.5% = 412.5 -> 413, + 300.
    expect(quoteOrder(pkg, extras)).toEqual({ subtotalCents: 7500, serviceFeeCents: 713, totalCents: 8213, deliveryDays: 5, revisions: 3 });
    expect(revisionsAllowed(null, extras)).toBeNull();
    expect(
      deliveryDaysOf(
        7,
        [
          { kind: 'EXTRA_FAST_DELIVERY', quantity: 1, days: 1 },
          { kind: 'CUSTOM', quantity: 3, days: 2 },
        ],
        4,
      ),
    ).toBe(1 + 6 + 4);
  });

  it('refuses an unknown extra, one named twice, quantity 0 or 11, and fast delivery twice over', () => {
    const { problems } = pickExtras(
      gigExtras,
      [
        { extraId: 'dddddddddddddddddddddddd', quantity: 1 },
        { extraId: 'bbbbbbbbbbbbbbbbbbbbbbbb', quantity: 11 },
        { extraId: 'cccccccccccccccccccccccc', quantity: 0 },
        { extraId: 'aaaaaaaaaaaaaaaaaaaaaaaa', quantity: 2 },
        { extraId: 'bbbbbbbbbbbbbbbbbbbbbbbb', quantity: 1 },
      ],
      at,
      ['input', 'extras'],
    );
    expect(problems.map((p) => [p.field?.join('.'), p.code])).toEqual([
      ['input.extras.0.extraId', 'NOT_FOUND'],
      ['input.extras.1.quantity', 'INVALID'],
      ['input.extras.2.quantity', 'INVALID'],
      ['input.extras.3.quantity', 'INVALID'],
      ['input.extras.4.extraId', 'INVALID'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatCents, fractionOfCents, money } from './money.js';

describe('money', () => {
  it('formats cents as dollars with grouping', () => {
    expect(formatCents(123450)).toBe('$1,234.50');
    expect(formatCents(500)).toBe('$5.00');
    expect(formatCents(0)).toBe('$0.00');
    expect(money(2500)).toEqual({ amountCents: 2500, currency: 'USD', formatted: '$25.00' });
  });

  it('refuses fractional cents', () => {
    expect(() => formatCents(10.5)).toThrow(RangeError);
  });

  it('takes a fraction rounding half up, in integer arithmetic', () => {
    expect(fractionOfCents(1000, 55, 1000)).toBe(55); // 5.5% of $10.00
    expect(fractionOfCents(10, 55, 1000)).toBe(1); // 0.55 -> 1
    expect(fractionOfCents(9, 55, 1000)).toBe(0); // 0.495 -> 0
    expect(fractionOfCents(100, 5, 1000)).toBe(1); // exactly 0.5 -> 1
    expect(fractionOfCents(1_000_000, 20, 100)).toBe(200_000);
  });
});

import { assertCents, fractionOfCents } from '@gigmart/shared';

/** The buyer's service fee: 5.5% of the subtotal, plus a flat $3.00 on small orders. */
export const SERVICE_FEE_RATE = { numerator: 55, denominator: 1000 } as const;
export const SMALL_ORDER_FEE_CENTS = 300;
/** Orders whose subtotal is under this pay the small-order fee. */
export const SMALL_ORDER_THRESHOLD_CENTS = 10_000;
/** The marketplace's commission on the seller's side: 20% of the subtotal. */
export const COMMISSION_RATE = { numerator: 20, denominator: 100 } as const;

export interface OrderAmounts {
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
  commissionCents: number;
  sellerEarningsCents: number;
}

/**
 * Every amount of an order from its package price, in integer cents. Percentages round half up to
 * the cent (fractionOfCents); the seller's earnings are what is left after the rounded commission,
 * so earnings + commission always equals the subtotal exactly.
 */
export function priceOrder(subtotalCents: number): OrderAmounts {
  assertCents(subtotalCents);
  if (subtotalCents < 0) throw new RangeError('a subtotal cannot be negative');
  const percentFee = fractionOfCents(subtotalCents, SERVICE_FEE_RATE.numerator, SERVICE_FEE_RATE.denominator);
  const serviceFeeCents = percentFee + (subtotalCents < SMALL_ORDER_THRESHOLD_CENTS ? SMALL_ORDER_FEE_CENTS : 0);
  const commissionCents = fractionOfCents(subtotalCents, COMMISSION_RATE.numerator, COMMISSION_RATE.denominator);
  return {
    subtotalCents,
    serviceFeeCents,
    totalCents: subtotalCents + serviceFeeCents,
    commissionCents,
    sellerEarningsCents: subtotalCents - commissionCents,
  };
}

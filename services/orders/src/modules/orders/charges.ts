import { fractionOfCents, type GigExtraSnapshot, type GigPackageSnapshot, type UserError } from '@gigmart/shared';
import type { GigExtraKind, OrderChargeKind } from '../../generated/resolvers.js';
import { priceOrder } from './fees.js';

/**
 * The money and the terms of an order as sums over what was bought (orders.resolution.graphql):
 * every payment is one charge whose service fee is the existing fee function on its own subtotal;
 * the order's subtotal, fee and total are the sums of its ORDER and EXTRAS charges; the seller's
 * earnings are the existing commission rule on the subtotal less its refunded part. Pure: no I/O,
 * no clock.
 */

export interface OrderChargeDoc {
  kind: OrderChargeKind;
  subtotalCents: number;
  serviceFeeCents: number;
  at: Date;
  /** buyExtras: the client's idempotency key and the fingerprint of its input. */
  idempotencyKey?: string | null;
  fingerprint?: string | null;
}

export interface OrderedExtraDoc {
  extraId: string;
  kind: GigExtraKind;
  title: string;
  quantity: number;
  unitPriceCents: number;
  days: number;
  at: Date;
}

/** A charge of `subtotalCents`, its fee by the one fee function (fees.ts). */
export function chargeOf(kind: OrderChargeKind, subtotalCents: number, at: Date): OrderChargeDoc {
  return { kind, subtotalCents, serviceFeeCents: priceOrder(subtotalCents).serviceFeeCents, at };
}

export interface OrderTotals {
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
  sellerEarningsCents: number;
}

/**
 * The order's amounts from its charges: subtotal and fee are the sums over ORDER and EXTRAS charges
 * (tips apart); earnings are (subtotal - refunded part of it) less the 20% commission, zero when
 * cancelled. With one ORDER charge and no refund this is exactly priceOrder(subtotal).
 */
export function totalsOf(charges: readonly OrderChargeDoc[], refundedSubtotalCents: number, cancelled: boolean): OrderTotals {
  const paid = charges.filter((c) => c.kind === 'ORDER' || c.kind === 'EXTRAS');
  const subtotalCents = paid.reduce((sum, c) => sum + c.subtotalCents, 0);
  const serviceFeeCents = paid.reduce((sum, c) => sum + c.serviceFeeCents, 0);
  const kept = subtotalCents - refundedSubtotalCents;
  return {
    subtotalCents,
    serviceFeeCents,
    totalCents: subtotalCents + serviceFeeCents,
    sellerEarningsCents: cancelled ? 0 : priceOrder(kept).sellerEarningsCents,
  };
}

/** A partial refund's amount: round-half-up(subtotal x percent / 100). */
export function partialRefundCents(subtotalCents: number, percent: number): number {
  return fractionOfCents(subtotalCents, percent, 100);
}

// ---------------------------------------------------------------------------------------------
// Extras

export interface ExtraRequest {
  extraId: string;
  quantity: number;
}

export const MAX_EXTRA_QUANTITY = 10;

/**
 * The extras asked for, priced from the gig as it is now: each names one of the gig's extras, once;
 * quantity 1-10, EXTRA_FAST_DELIVERY only 1. Problems are user errors on `field` + [index, ...].
 */
export function pickExtras(
  gigExtras: readonly GigExtraSnapshot[],
  requests: readonly ExtraRequest[],
  at: Date,
  field: string[],
): { extras: OrderedExtraDoc[]; problems: UserError[] } {
  const byId = new Map(gigExtras.map((e) => [e.id, e]));
  const problems: UserError[] = [];
  const seen = new Set<string>();
  const extras: OrderedExtraDoc[] = [];
  requests.forEach((request, i) => {
    const path = [...field, String(i)];
    const extra = byId.get(request.extraId.toLowerCase());
    if (!extra) {
      problems.push({ field: [...path, 'extraId'], message: 'This gig has no such extra.', code: 'NOT_FOUND' });
      return;
    }
    if (seen.has(extra.id)) {
      problems.push({ field: [...path, 'extraId'], message: 'This extra is named twice.', code: 'INVALID' });
      return;
    }
    seen.add(extra.id);
    const max = extra.kind === 'EXTRA_FAST_DELIVERY' ? 1 : MAX_EXTRA_QUANTITY;
    if (!Number.isInteger(request.quantity) || request.quantity < 1 || request.quantity > max) {
      problems.push({ field: [...path, 'quantity'], message: `The quantity must be a whole number from 1 to ${max}.`, code: 'INVALID' });
      return;
    }
    extras.push({
      extraId: extra.id,
      kind: extra.kind,
      title: extra.title,
      quantity: request.quantity,
      unitPriceCents: extra.priceCents,
      days: extra.days,
      at,
    });
  });
  return { extras, problems };
}

export function extrasSubtotal(extras: readonly Pick<OrderedExtraDoc, 'quantity' | 'unitPriceCents'>[]): number {
  return extras.reduce((sum, e) => sum + e.quantity * e.unitPriceCents, 0);
}

type Terms = Pick<OrderedExtraDoc, 'kind' | 'quantity' | 'days'>;

/**
 * Days from the start to dueAt: the package's days (or an EXTRA_FAST_DELIVERY's days) + CUSTOM
 * extras' days x quantity + accepted extensions' days.
 */
export function deliveryDaysOf(packageDays: number, extras: readonly Terms[], extensionDays = 0): number {
  const fast = extras.find((e) => e.kind === 'EXTRA_FAST_DELIVERY');
  const custom = extras.filter((e) => e.kind === 'CUSTOM').reduce((sum, e) => sum + e.days * e.quantity, 0);
  return (fast ? fast.days : packageDays) + custom + extensionDays;
}

/** The revisions the package allows plus every ADDITIONAL_REVISION bought; null (unlimited) stays null. */
export function revisionsAllowed(packageRevisions: number | null, extras: readonly Terms[]): number | null {
  if (packageRevisions === null) return null;
  return packageRevisions + extras.filter((e) => e.kind === 'ADDITIONAL_REVISION').reduce((sum, e) => sum + e.quantity, 0);
}

export interface OrderQuoteAmounts {
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
  deliveryDays: number;
  revisions: number | null;
}

/** What placeOrder charges and promises for a package and its extras (orderQuote answers the same). */
export function quoteOrder(pkg: Pick<GigPackageSnapshot, 'priceCents' | 'deliveryDays' | 'revisions'>, extras: readonly OrderedExtraDoc[]) {
  const charge = chargeOf('ORDER', pkg.priceCents + extrasSubtotal(extras), new Date(0));
  return {
    subtotalCents: charge.subtotalCents,
    serviceFeeCents: charge.serviceFeeCents,
    totalCents: charge.subtotalCents + charge.serviceFeeCents,
    deliveryDays: deliveryDaysOf(pkg.deliveryDays, extras),
    revisions: revisionsAllowed(pkg.revisions, extras),
  } satisfies OrderQuoteAmounts;
}

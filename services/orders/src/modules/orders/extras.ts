import { badUserInput, failWith, isObjectId, parseArgs, parseInput, UserErrorsException, type UserError } from '@gigmart/shared';
import { z } from 'zod';
import type { MemberContext, OrdersContext } from '../../context.js';
import type { BuyExtrasInput, QueryOrderQuoteArgs } from '../../generated/resolvers.js';
import {
  chargeOf,
  deliveryDaysOf,
  extrasSubtotal,
  pickExtras,
  quoteOrder,
  totalsOf,
  type OrderedExtraDoc,
  type OrderQuoteAmounts,
} from './charges.js';
import type { OrderDoc } from './model.js';
import { readGig } from './placement.js';
import { buyExtrasInput, chargesOf, DAY_MS, dueAtFrom, extraRequests, extrasFingerprint } from './rules.js';
import { commit, prepare } from './service.js';

/**
 * Extras bought after checkout (buyExtras) and the price of an order before it is placed
 * (orderQuote): the same functions as placeOrder (charges.ts), the same transition table.
 */

const KEY_REUSED = 'This idempotency key was already used for a different purchase.';

/** The order a buyExtras key already made: the answer to the same request again, else INVALID on the key. */
function replay(order: OrderDoc, key: string, fingerprint: string): OrderDoc {
  const charge = order.charges?.find((c) => c.idempotencyKey === key);
  if (!charge || charge.fingerprint !== fingerprint) failWith(['input', 'idempotencyKey'], KEY_REUSED, 'INVALID');
  return order;
}

function findByKey(ctx: MemberContext, key: string): Promise<OrderDoc | null> {
  return ctx.models.Order.findOne({ buyerId: ctx.viewer.id, 'charges.idempotencyKey': key }).lean<OrderDoc>().exec();
}

/** Days of the extension requests the buyer accepted. */
export function acceptedExtensionDays(order: Pick<OrderDoc, 'extensionRequests'>): number {
  return (order.extensionRequests ?? []).filter((r) => r.status === 'ACCEPTED').reduce((sum, r) => sum + (r.days ?? 0), 0);
}

/** EXTRA_FAST_DELIVERY bought mid-order: once, before the first delivery, while start + its days is ahead. */
function fastDeliveryProblems(order: OrderDoc, extras: readonly OrderedExtraDoc[], now: Date, field: string[]): UserError[] {
  const problems: UserError[] = [];
  extras.forEach((extra, i) => {
    if (extra.kind !== 'EXTRA_FAST_DELIVERY') return;
    const path = [...field, String(i), 'extraId'];
    if ((order.extras ?? []).some((e) => e.kind === 'EXTRA_FAST_DELIVERY'))
      problems.push({ field: path, message: 'Extra-fast delivery was already bought.', code: 'INVALID' });
    else if (order.deliveries.length > 0)
      problems.push({ field: path, message: 'Extra-fast delivery is only for orders not yet delivered.', code: 'INVALID_STATE' });
    else if (!order.startedAt || order.startedAt.getTime() + extra.days * DAY_MS <= now.getTime())
      problems.push({ field: path, message: 'It is too late for extra-fast delivery.', code: 'INVALID_STATE' });
  });
  return problems;
}

/**
 * The buyer buys more extras of the gig as one EXTRAS charge: the order's amounts become the sums
 * over its charges, dueAt moves at once by the days bought, revisions add up. One conditional
 * update; the charge keeps the idempotency key, so the same key again (also ten at once) answers
 * the first purchase and a different request with it is INVALID.
 */
export async function buyExtras(ctx: MemberContext, input: BuyExtrasInput): Promise<OrderDoc> {
  const { orderId, extras: wanted, idempotencyKey: key } = parseInput(buyExtrasInput, input);
  const fingerprint = extrasFingerprint(orderId, wanted);
  if (key !== null) {
    const existing = await findByKey(ctx, key);
    if (existing) return replay(existing, key, fingerprint);
  }
  const prepared = await prepare(ctx, orderId, 'buyExtras');
  const { order, now } = prepared;
  // A purchase with this key that landed after the look-up above: the order as read already has it.
  if (key !== null && chargesOf(order).some((c) => c.idempotencyKey === key)) return replay(order, key, fingerprint);
  const gig = await readGig(ctx, order.gigId);
  const { extras, problems } = pickExtras(gig?.extras ?? [], wanted, now, ['input', 'extras']);
  problems.push(...fastDeliveryProblems(order, extras, now, ['input', 'extras']));
  if (problems.length) throw new UserErrorsException(problems);

  const bought = [...(order.extras ?? []), ...extras];
  const charges = [...chargesOf(order), { ...chargeOf('EXTRAS', extrasSubtotal(extras), now), idempotencyKey: key, fingerprint }];
  const totals = totalsOf(charges, order.refundedSubtotalCents ?? 0, false);
  const days = deliveryDaysOf(order.package.deliveryDays, bought, acceptedExtensionDays(order));
  try {
    return await commit(ctx, prepared, {
      events: [{ type: 'EXTRAS_PURCHASED', actorId: ctx.viewer.id, note: extras.map((e) => `${e.title} x${e.quantity}`).join(', ') }],
      set: { charges, extras: bought, ...totals, ...(order.startedAt ? { dueAt: dueAtFrom(order.startedAt, days) } : {}) },
    });
  } catch (error) {
    // Lost to a concurrent request: the same key's purchase is the answer to this one too.
    if (key !== null && error instanceof UserErrorsException) {
      const winner = await findByKey(ctx, key);
      if (winner) return replay(winner, key, fingerprint);
    }
    throw error;
  }
}

const quoteArgs = z.object({ gigId: z.string(), tier: z.string(), extras: extraRequests.nullish().transform((e) => e ?? []) });

/** What placeOrder would charge now; null for a gig or package nobody can order. Anyone may ask. */
export async function orderQuote(ctx: OrdersContext, args: QueryOrderQuoteArgs): Promise<OrderQuoteAmounts | null> {
  const { gigId, tier, extras: wanted } = parseArgs(quoteArgs, args);
  if (!isObjectId(gigId)) return null;
  const gig = await readGig(ctx, gigId);
  const pkg = gig?.status === 'ACTIVE' ? gig.packages.find((p) => p.tier === tier) : undefined;
  if (!gig || !pkg) return null;
  const { extras, problems } = pickExtras(gig.extras ?? [], wanted, ctx.clock(), ['extras']);
  if (problems.length) throw badUserInput(problems.map((p) => `${p.field?.join('.') ?? ''}: ${p.message}`).join(' '));
  return quoteOrder(pkg, extras);
}

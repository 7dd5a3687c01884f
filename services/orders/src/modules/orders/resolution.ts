import { failWith, findPage, forbidden, isAdmin, newId, parseInput, requireViewer, type Connection, type SortSpec } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { MemberContext, OrdersContext } from '../../context.js';
import type {
  AnswerRequestInput,
  OfferPartialRefundInput,
  OpenDisputeInput,
  QueryDisputedOrdersArgs,
  RequestCancellationInput,
  RequestExtensionInput,
  RequestIdInput,
  ResolveDisputeInput,
} from '../../generated/resolvers.js';
import { partialRefundCents, totalsOf } from './charges.js';
import type { DisputeDoc, OrderDoc, OrderRequestDoc } from './model.js';
import { parseRequestPublicId, REQUEST_KINDS, type RequestKind } from './requests.js';
import {
  canSeeOrder,
  chargesOf,
  DAY_MS,
  factsOf,
  offerPartialRefundInput,
  openDisputeInput,
  partiesOf,
  RESPOND_WITHIN_MS,
  requestCancellationInput,
  requestExtensionInput,
  resolveDisputeInput,
} from './rules.js';
import { applyPrepared, cancelledMoney, commit, judged, prepare, type Prepared } from './service.js';
import { judge, type OrderAction } from './transitions.js';

/**
 * Extension requests, cancellation by agreement, partial refunds and disputes
 * (orders.resolution.graphql). Each operation asks the transition table (transitions.ts) and makes
 * its change with one conditional update on the version it read (service.ts commit): of two
 * concurrent requests one wins, the other gets INVALID_STATE and changes nothing. Answers name the
 * request by its id, so nobody accepts terms they never saw.
 */

function newRequest(
  ctx: MemberContext,
  party: 'BUYER' | 'SELLER',
  now: Date,
  fields: Partial<Pick<OrderRequestDoc, 'days' | 'reason' | 'percent' | 'amountCents'>>,
): OrderRequestDoc {
  return {
    _id: newId(),
    requestedBy: ctx.viewer.id,
    party,
    status: 'PENDING',
    days: fields.days ?? null,
    reason: fields.reason ?? null,
    percent: fields.percent ?? null,
    amountCents: fields.amountCents ?? null,
    respondBy: new Date(now.getTime() + RESPOND_WITHIN_MS),
    createdAt: now,
    answeredAt: null,
  };
}

function asParty(prepared: Prepared): 'BUYER' | 'SELLER' {
  const { party } = prepared.decision;
  if (party !== 'BUYER' && party !== 'SELLER') throw forbidden();
  return party;
}

/** The list with one request replaced by `change` of it. */
function replaced(list: readonly OrderRequestDoc[], id: Types.ObjectId, change: Partial<OrderRequestDoc>): OrderRequestDoc[] {
  return list.map((r) => (r._id.equals(id) ? { ...r, ...change } : r));
}

/**
 * The order holding request `requestId` of `kind`, if the member may see it, and the request; else
 * NOT_FOUND on input.requestId (an order they cannot see is, to them, not there).
 */
async function loadRequest(
  ctx: MemberContext,
  kind: RequestKind,
  requestId: string,
): Promise<{ order: OrderDoc; request: OrderRequestDoc }> {
  const ids = parseRequestPublicId(requestId);
  const order = ids ? await ctx.models.Order.findById(ids.orderId).lean<OrderDoc>().exec() : null;
  const request = order?.[kind]?.find((r) => String(r._id) === ids?.requestId.toLowerCase());
  if (!order || !request || !canSeeOrder(ctx.viewer, order)) failWith(['input', 'requestId'], 'No such request.', 'NOT_FOUND');
  return { order, request };
}

/** Judges an answer to a request: the table first, then this very request must be the pending one. */
function judgeAnswer(ctx: MemberContext, order: OrderDoc, request: OrderRequestDoc, action: OrderAction): Prepared {
  const now = ctx.clock();
  const prepared = judged(order, action, partiesOf(ctx.viewer, order), now);
  if (request.status !== 'PENDING' || request.respondBy.getTime() <= now.getTime())
    failWith(['input', 'requestId'], 'This request is no longer pending.', 'INVALID_STATE');
  return prepared;
}

// ---------------------------------------------------------------------------------------------
// Extensions

export async function requestExtension(ctx: MemberContext, input: RequestExtensionInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'requestExtension');
  const { days, reason } = parseInput(requestExtensionInput, input);
  const request = newRequest(ctx, asParty(prepared), prepared.now, { days, reason });
  return commit(ctx, prepared, {
    events: [{ type: 'EXTENSION_REQUESTED', actorId: ctx.viewer.id, note: `${days} days: ${reason}` }],
    requests: { extensionRequests: [request, ...(prepared.order.extensionRequests ?? [])] },
  });
}

export async function answerExtension(ctx: MemberContext, input: AnswerRequestInput): Promise<OrderDoc> {
  const { order, request } = await loadRequest(ctx, 'extensionRequests', input.requestId);
  const prepared = judgeAnswer(ctx, order, request, input.accept ? 'acceptExtension' : 'declineExtension');
  const { now } = prepared;
  const list = replaced(order.extensionRequests ?? [], request._id, { status: input.accept ? 'ACCEPTED' : 'DECLINED', answeredAt: now });
  const dueAt = input.accept && order.dueAt ? new Date(order.dueAt.getTime() + (request.days ?? 0) * DAY_MS) : order.dueAt;
  return commit(ctx, prepared, { requests: { extensionRequests: list }, set: { dueAt } });
}

// ---------------------------------------------------------------------------------------------
// Cancellation by agreement

export async function requestCancellation(ctx: MemberContext, input: RequestCancellationInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'requestCancellation');
  const { reason } = parseInput(requestCancellationInput, input);
  const request = newRequest(ctx, asParty(prepared), prepared.now, { reason });
  return commit(ctx, prepared, {
    events: [{ type: 'CANCELLATION_REQUESTED', actorId: ctx.viewer.id, note: reason }],
    requests: { cancellationRequests: [request, ...(prepared.order.cancellationRequests ?? [])] },
    // A DELIVERED order does not complete by itself while the request is pending.
    set: { lastDeliveredAt: null },
  });
}

/** Settling a cancellation request that leaves the order as it was: a DELIVERED order's 3 days start again. */
function restartAutoCompletion(order: OrderDoc, now: Date): Record<string, Date | null> {
  return { lastDeliveredAt: order.status === 'DELIVERED' ? now : order.lastDeliveredAt };
}

export async function answerCancellation(ctx: MemberContext, input: AnswerRequestInput): Promise<OrderDoc> {
  const { order, request } = await loadRequest(ctx, 'cancellationRequests', input.requestId);
  const prepared = judgeAnswer(ctx, order, request, input.accept ? 'acceptCancellation' : 'declineCancellation');
  const { now } = prepared;
  const list = replaced(order.cancellationRequests ?? [], request._id, { status: input.accept ? 'ACCEPTED' : 'DECLINED', answeredAt: now });
  return commit(ctx, prepared, {
    requests: { cancellationRequests: list },
    set: input.accept ? { cancelledAt: now, ...cancelledMoney(order) } : restartAutoCompletion(order, now),
  });
}

export async function withdrawCancellation(ctx: MemberContext, input: RequestIdInput): Promise<OrderDoc> {
  const { order, request } = await loadRequest(ctx, 'cancellationRequests', input.requestId);
  const prepared = judgeAnswer(ctx, order, request, 'withdrawCancellation');
  const { now } = prepared;
  const list = replaced(order.cancellationRequests ?? [], request._id, { status: 'WITHDRAWN', answeredAt: now });
  return commit(ctx, prepared, { requests: { cancellationRequests: list }, set: restartAutoCompletion(order, now) });
}

// ---------------------------------------------------------------------------------------------
// Partial refunds

export async function offerPartialRefund(ctx: MemberContext, input: OfferPartialRefundInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'offerPartialRefund');
  const { percent } = parseInput(offerPartialRefundInput, input);
  const amountCents = partialRefundCents(prepared.order.subtotalCents, percent);
  const request = newRequest(ctx, asParty(prepared), prepared.now, { percent, amountCents });
  return commit(ctx, prepared, {
    events: [{ type: 'PARTIAL_REFUND_OFFERED', actorId: ctx.viewer.id, note: `${percent}%` }],
    requests: { partialRefundOffers: [request, ...(prepared.order.partialRefundOffers ?? [])] },
  });
}

/** A completion with `refundedSubtotalCents` of the subtotal given back (fees kept). */
function refundedCompletion(order: OrderDoc, refundedSubtotalCents: number, now: Date | null): Record<string, unknown> {
  const totals = totalsOf(chargesOf(order), refundedSubtotalCents, false);
  return {
    refundedCents: refundedSubtotalCents,
    refundedSubtotalCents,
    sellerEarningsCents: totals.sellerEarningsCents,
    ...(now ? { completedAt: now } : {}),
  };
}

export async function answerPartialRefund(ctx: MemberContext, input: AnswerRequestInput): Promise<OrderDoc> {
  const { order, request } = await loadRequest(ctx, 'partialRefundOffers', input.requestId);
  const prepared = judgeAnswer(ctx, order, request, input.accept ? 'acceptPartialRefund' : 'declinePartialRefund');
  const { now } = prepared;
  const list = replaced(order.partialRefundOffers ?? [], request._id, { status: input.accept ? 'ACCEPTED' : 'DECLINED', answeredAt: now });
  return commit(ctx, prepared, {
    requests: { partialRefundOffers: list },
    ...(input.accept ? { set: refundedCompletion(order, partialRefundCents(order.subtotalCents, request.percent ?? 0), now) } : {}),
  });
}

// ---------------------------------------------------------------------------------------------
// Disputes

export async function openDispute(ctx: MemberContext, input: OpenDisputeInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'openDispute');
  const { reason } = parseInput(openDisputeInput, input);
  const { now, order } = prepared;
  const dispute: DisputeDoc = {
    _id: newId(),
    openedBy: ctx.viewer.id,
    reason,
    status: 'OPEN',
    outcome: null,
    refundPercent: null,
    resolutionNote: null,
    resolvedBy: null,
    createdAt: now,
    resolvedAt: null,
  };
  return commit(ctx, prepared, {
    events: [{ type: 'DISPUTE_OPENED', actorId: ctx.viewer.id, note: reason }],
    // Once per order: the update also requires that none was opened meanwhile; on a COMPLETED order,
    // that its earnings have still not cleared when it lands (a REFUND must land on a pending credit).
    where: { dispute: null, ...(order.status === 'COMPLETED' && order.earningsAvailableAt ? { earningsAvailableAt: { $gt: now } } : {}) },
    set: { dispute, ...(order.status === 'COMPLETED' ? { earningsHeld: true } : {}) },
  });
}

const RESOLVE_ACTIONS = { COMPLETE: 'resolveComplete', CANCEL: 'resolveCancel', PARTIAL_REFUND: 'resolvePartialRefund' } as const;

export async function resolveDispute(ctx: MemberContext, input: ResolveDisputeInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, RESOLVE_ACTIONS[input.outcome]);
  const { outcome, refundPercent, note } = parseInput(resolveDisputeInput, input);
  const { order, now } = prepared;
  const dispute: DisputeDoc = {
    ...order.dispute!,
    status: 'RESOLVED',
    outcome,
    refundPercent: refundPercent ?? null,
    resolutionNote: note,
    resolvedBy: ctx.viewer.id,
    resolvedAt: now,
  };
  const completing = order.status !== 'COMPLETED' ? now : null;
  const money =
    outcome === 'CANCEL'
      ? { cancelledAt: now, ...cancelledMoney(order) }
      : outcome === 'PARTIAL_REFUND'
        ? refundedCompletion(
            order,
            Math.max(order.refundedSubtotalCents ?? 0, partialRefundCents(order.subtotalCents, refundPercent ?? 0)),
            completing,
          )
        : completing
          ? { completedAt: completing }
          : {};
  return commit(ctx, prepared, {
    events: prepared.decision.events.map((type) => ({ type, actorId: ctx.viewer.id, note: type === 'DISPUTE_RESOLVED' ? note : null })),
    set: { dispute, earningsHeld: false, ...money },
  });
}

export const DISPUTES_OLDEST_FIRST: SortSpec = { name: 'disputes:oldest', keys: [{ field: 'dispute.createdAt', direction: 1 }] };

/** Admins only: orders with an OPEN dispute, the oldest dispute first. */
export function disputedOrders(ctx: OrdersContext, args: QueryDisputedOrdersArgs): Promise<Connection<OrderDoc>> {
  const viewer = requireViewer(ctx);
  if (!isAdmin(viewer)) throw forbidden('Only admins see disputed orders.');
  return findPage(ctx.models.Order, {
    filter: { 'dispute.status': 'OPEN' },
    sort: DISPUTES_OLDEST_FIRST,
    first: args.first,
    after: args.after,
  });
}

// ---------------------------------------------------------------------------------------------
// Lapsing (the job in auto-complete.ts runs these with a context of its own)

const LAPSE: Record<RequestKind, OrderAction> = {
  extensionRequests: 'lapseExtension',
  cancellationRequests: 'lapseCancellation',
  partialRefundOffers: 'lapsePartialRefund',
};

/** Orders with a PENDING request past its respondBy at the context's time, by id after `after`. */
export function ordersWithLapsedRequests(ctx: OrdersContext, after: Types.ObjectId | null, limit: number): Promise<OrderDoc[]> {
  return ctx.models.Order.find({ pendingUntil: { $lte: ctx.clock() }, ...(after ? { _id: { $gt: after } } : {}) })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<OrderDoc[]>()
    .exec();
}

/**
 * Lapses every PENDING request of the order whose respondBy has passed, each by its rule of the
 * table with no actor: an extension request or a partial refund offer just LAPSED (dueAt stays), a
 * cancellation request LAPSED cancels the order. Each is one conditional update; a member's answer
 * or another job instance at the same moment wins or loses cleanly. Returns how many lapsed.
 */
export async function lapseRequests(ctx: OrdersContext, order: OrderDoc): Promise<number> {
  let current = order;
  let lapsed = 0;
  for (const kind of REQUEST_KINDS) {
    const now = ctx.clock();
    const request = current[kind]?.find((r) => r.status === 'PENDING' && r.respondBy.getTime() <= now.getTime());
    if (!request) continue;
    const action = LAPSE[kind];
    const judgement = judge(action, ['SYSTEM'], factsOf(current, now));
    if (!judgement.ok) continue;
    const list = replaced(current[kind] ?? [], request._id, { status: 'LAPSED', answeredAt: now });
    const set = kind === 'cancellationRequests' ? { cancelledAt: now, ...cancelledMoney(current) } : {};
    const updated = await applyPrepared(
      ctx,
      { order: current, action, decision: judgement, now },
      { requests: { [kind]: list }, set },
      null,
    );
    if (!updated) break;
    current = updated;
    lapsed += 1;
  }
  return lapsed;
}

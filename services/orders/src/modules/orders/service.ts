import {
  attachFilesOrRefuse,
  detachFilesQuietly,
  failWith,
  findPage,
  forbidden,
  isObjectId,
  newId,
  parseInput,
  requireViewer,
  type Connection,
  type SortSpec,
} from '@gigmart/shared';
import type { Types } from 'mongoose';
import type { MemberContext, OrdersContext } from '../../context.js';
import type {
  CancelOrderInput,
  DeliverOrderInput,
  OrderEventType,
  OrderIdInput,
  OrderStatus,
  QueryMyOrdersArgs,
  RequestRevisionInput,
  SubmitRequirementsInput,
} from '../../generated/resolvers.js';
import { applyLinesOf, ledgerOfOrderChange } from '../money/index.js';
import { applyTransition, type TransitionUpdate } from './apply.js';
import { deliveryDaysOf, totalsOf } from './charges.js';
import type { OrderDoc, OrderRequestDoc } from './model.js';
import {
  AUTO_COMPLETE_AFTER_MS,
  canSeeOrder,
  cancelOrderInput,
  chargesOf,
  deliverOrderInput,
  dueAtFrom,
  factsOf,
  invalidStateMessage,
  partiesOf,
  requestRevisionInput,
  submitRequirementsInput,
} from './rules.js';
import { factTypeOf, pendingUntilOf, requestListsAfter, type RequestKind } from './requests.js';
import { judge, type Decision, type OrderAction, type Party } from './transitions.js';

/**
 * Reading orders, and the lifecycle mutations. Each mutation reads the order, asks the transition
 * table whether this viewer may take the action in the order's current status, checks the input,
 * then makes the change with applyTransition (one conditional update on the status and version it
 * read). A concurrent change in between makes it fail: the caller gets INVALID_STATE with the
 * order's new status, never a double effect. Placing an order is in placement.ts.
 */

export type OrderPage = Connection<OrderDoc>;

export const ORDERS_NEWEST_FIRST: SortSpec = { name: 'orders:newest', keys: [{ field: 'createdAt', direction: -1 }] };

/** The order if the viewer may see it, else null (unknown and forbidden look the same). */
export async function findVisibleOrder(ctx: OrdersContext, id: string): Promise<OrderDoc | null> {
  if (!ctx.viewer) return null;
  const order = await ctx.loaders.orderById.load(id);
  return order && canSeeOrder(ctx.viewer, order) ? order : null;
}

/**
 * The signed-in viewer's orders in one role, newest first. A read of the viewer's own orders: the
 * token is enough (an id nobody has has no orders), so it keeps working while the users service is down.
 */
export function myOrders(ctx: OrdersContext, args: QueryMyOrdersArgs): Promise<OrderPage> {
  const viewer = requireViewer(ctx);
  const filter: Record<string, unknown> = args.role === 'BUYER' ? { buyerId: viewer.id } : { sellerId: viewer.id };
  if (args.status?.length) filter['status'] = { $in: args.status };
  return findPage(ctx.models.Order, { filter, sort: ORDERS_NEWEST_FIRST, first: args.first, after: args.after });
}

/**
 * The order a mutation names, if the member may see it (its buyer, its seller, an admin); else the
 * NOT_FOUND user error, word for word the answer for an id that does not exist: an order the member
 * cannot see is, to them, not there (a FORBIDDEN here would tell a stranger which ids are real).
 * Only someone who sees the order can then be FORBIDDEN an action on it.
 */
export async function loadOrder(ctx: MemberContext, orderId: string): Promise<OrderDoc> {
  const order = isObjectId(orderId) ? await ctx.models.Order.findById(orderId).lean<OrderDoc>().exec() : null;
  if (!order || !canSeeOrder(ctx.viewer, order)) failWith(['input', 'orderId'], 'No such order.', 'NOT_FOUND');
  return order;
}

export function invalidState(status: OrderStatus): never {
  return failWith(null, invalidStateMessage(status), 'INVALID_STATE');
}

export interface Prepared {
  order: OrderDoc;
  action: OrderAction;
  decision: Extract<Decision, { ok: true }>;
  now: Date;
}

/**
 * The table's judgement of `action` by these parties on `order` now: FORBIDDEN (thrown: a party who
 * may never take it, or the wrong one of the two), INVALID_STATE (a user error: not in this status),
 * or the guard's own user error (LIMIT_REACHED, ...).
 */
export function judged(order: OrderDoc, action: OrderAction, parties: readonly Party[], now: Date): Prepared {
  const judgement = judge(action, parties, factsOf(order, now));
  if (!judgement.ok) {
    if (judgement.reason === 'FORBIDDEN') throw forbidden();
    if (judgement.reason === 'RULE') {
      if (judgement.refusal.code === 'FORBIDDEN') throw forbidden(judgement.refusal.message);
      return failWith(null, judgement.refusal.message, judgement.refusal.code);
    }
    return invalidState(order.status);
  }
  return { order, action, decision: judgement, now };
}

/** The order and the table's decision for this member (NOT_FOUND for an order they cannot see). */
export async function prepare(ctx: MemberContext, orderId: string, action: OrderAction): Promise<Prepared> {
  const order = await loadOrder(ctx, orderId);
  return judged(order, action, partiesOf(ctx.viewer, order), ctx.clock());
}

export type RequestLists = Partial<Record<RequestKind, OrderRequestDoc[]>>;

export interface Change extends Omit<TransitionUpdate, 'orderId' | 'version' | 'from' | 'to' | 'at' | 'events' | 'fact' | 'order'> {
  events?: TransitionUpdate['events'];
  /** Request lists as this action leaves them (the rest as they were). */
  requests?: RequestLists;
  /** The fact for other services; by default one named after the change (factTypeOf). */
  fact?: TransitionUpdate['fact'];
}

/**
 * Applies the transition `prepare` decided, with the rules every transition shares: entering
 * COMPLETED, CANCELLED or DISPUTED withdraws every PENDING request, a delivery withdraws a PENDING
 * extension request, pendingUntil follows the requests, and one outbox event records the step.
 * If the order changed meanwhile, says so (lostRace).
 */
export async function commit(ctx: OrdersContext, prepared: Prepared, change: Change = {}): Promise<OrderDoc> {
  const updated = await applyPrepared(ctx, prepared, change, ctx.viewer?.id ?? null);
  return updated ?? lostRace(ctx, prepared.order);
}

/**
 * commit without the lost-race answer: null when another change came first (jobs). A change that
 * completes the order or lowers a completed order's earnings writes its ledger lines in the same
 * update (modules/money), then copies them into the ledger.
 */
export async function applyPrepared(
  ctx: OrdersContext,
  prepared: Prepared,
  change: Change,
  actorId: string | null,
): Promise<OrderDoc | null> {
  const { order, decision, now, action } = prepared;
  const lists = requestListsAfter(order, action, decision.to, change.requests ?? {}, now);
  const events = change.events ?? decision.events.map((type) => ({ type, actorId }));
  const money = await ledgerOfOrderChange(ctx, order, decision.to, change.set, now);
  const updated = await applyTransition(ctx.models, {
    orderId: order._id,
    version: order.version,
    from: decision.from.status,
    to: decision.to,
    at: now,
    order,
    ...change,
    events,
    set: { ...change.set, ...lists, pendingUntil: pendingUntilOf(lists, order), ...money.set },
    ledger: money.lines,
    ...factOf(change, decision, events[0]?.type ?? null),
  });
  if (updated) await applyLinesOf(ctx, updated);
  return updated;
}

function factOf(change: Change, decision: Prepared['decision'], first: OrderEventType | null) {
  if (change.fact) return { fact: change.fact };
  const type = factTypeOf(decision.from.status, decision.to, first);
  return type ? { fact: { type } } : {};
}

/** After a conditional update matched nothing: someone else changed the order first. */
export async function lostRace(ctx: OrdersContext, order: OrderDoc): Promise<never> {
  const now = await ctx.models.Order.findById(order._id).lean<OrderDoc>().exec();
  return invalidState(now?.status ?? order.status);
}

// ---------------------------------------------------------------------------------------------

export async function submitRequirements(ctx: MemberContext, input: SubmitRequirementsInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'submitRequirements');
  const { order, now } = prepared;
  const { answers: requirements } = parseInput(submitRequirementsInput(order.requirementQuestions), input);
  return commit(ctx, prepared, {
    events: [
      { type: 'REQUIREMENTS_SUBMITTED', actorId: ctx.viewer.id },
      { type: 'STARTED', actorId: null },
    ],
    set: { requirements, startedAt: now, dueAt: dueAtFrom(now, deliveryDaysOf(order.package.deliveryDays, order.extras ?? [])) },
  });
}

export async function deliverOrder(ctx: MemberContext, input: DeliverOrderInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'deliver');
  const { order, now } = prepared;
  const { message, attachments, fileIds } = parseInput(deliverOrderInput, input);
  const first = order.deliveries.length === 0;
  const late = first && order.dueAt !== null && now.getTime() > order.dueAt.getTime();
  const holding = factsOf(order, now).pendingCancellationBy !== null;
  const deliveryId = newId();
  // The files first: media checks them (READY, the seller's, DELIVERY, attached nowhere else) and lets
  // the buyer read them; only then does the delivery name them.
  const attachment = `delivery:${String(order._id)}:${String(deliveryId)}`;
  await attachFilesOrRefuse(
    ctx.media,
    { fileIds, uploaderId: ctx.viewer.id, purpose: 'DELIVERY', attachment, readers: [order.buyerId] },
    ['input', 'fileIds'],
    { requestId: ctx.requestId },
  );
  try {
    return await commit(ctx, prepared, {
      // A PENDING cancellation request holds the automatic completion until it is settled.
      set: { lastDeliveredAt: holding ? null : now, ...(first ? { deliveredLate: late } : {}) },
      push: { deliveries: { _id: deliveryId, message, attachments, fileIds, deliveredAt: now } },
    });
  } catch (error) {
    // The order changed meanwhile: the files are free again.
    if (fileIds.length) await detachFilesQuietly(ctx.media, { attachment }, ctx.logger);
    throw error;
  }
}

export async function requestRevision(ctx: MemberContext, input: RequestRevisionInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'requestRevision');
  const { order } = prepared;
  const { message } = parseInput(requestRevisionInput, input);
  return commit(ctx, prepared, {
    events: [{ type: 'REVISION_REQUESTED', actorId: ctx.viewer.id, note: message }],
    where: { revisionsUsed: order.revisionsUsed },
    inc: { revisionsUsed: 1 },
  });
}

export async function acceptDelivery(ctx: MemberContext, input: OrderIdInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'accept');
  return commit(ctx, prepared, {
    events: [{ type: 'COMPLETED', actorId: ctx.viewer.id }],
    set: { completedAt: prepared.now },
    fact: { type: 'order.completed' },
  });
}

export async function cancelOrder(ctx: MemberContext, input: CancelOrderInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'cancel');
  const { decision, now } = prepared;
  const { reason } = parseInput(cancelOrderInput, input);
  return commit(ctx, prepared, {
    events: [{ type: 'CANCELLED', actorId: ctx.viewer.id, note: reason }],
    // "Only once late" must still hold when the update lands.
    where: decision.from.onlyIfLate ? { dueAt: { $lt: now } } : {},
    set: { cancelledAt: now, ...cancelledMoney(prepared.order) },
    fact: { type: 'order.cancelled' },
  });
}

/** A cancelled order gives back the total of its charges, fees included; the seller earns nothing. */
export function cancelledMoney(order: OrderDoc): Record<string, number> {
  const totals = totalsOf(chargesOf(order), 0, true);
  return { refundedCents: totals.totalCents, refundedSubtotalCents: totals.subtotalCents, sellerEarningsCents: 0 };
}

// ---------------------------------------------------------------------------------------------
// Auto-completion (the job in auto-complete.ts runs these with a context of its own).

/** DELIVERED orders whose 3 days have passed at the context's time, by id after `after`. */
export function ordersDueForAutoCompletion(ctx: OrdersContext, after: Types.ObjectId | null, limit: number): Promise<OrderDoc[]> {
  const cutoff = new Date(ctx.clock().getTime() - AUTO_COMPLETE_AFTER_MS);
  return ctx.models.Order.find({ status: 'DELIVERED', lastDeliveredAt: { $lte: cutoff }, ...(after ? { _id: { $gt: after } } : {}) })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<OrderDoc[]>()
    .exec();
}

/**
 * Completes a DELIVERED order whose 3 days have passed, with no actor, by the table's autoComplete
 * rule (refused while a cancellation request is pending). The conditional update on the version it
 * read means a revision requested and re-delivered meanwhile is never completed on the strength of
 * the older delivery; several job instances race harmlessly.
 */
export function autoComplete(ctx: OrdersContext, order: OrderDoc): Promise<OrderDoc | null> {
  const now = ctx.clock();
  const judgement = judge('autoComplete', ['SYSTEM'], factsOf(order, now));
  if (!judgement.ok) return Promise.resolve(null);
  return applyPrepared(
    ctx,
    { order, action: 'autoComplete', decision: judgement, now },
    { where: { lastDeliveredAt: order.lastDeliveredAt }, set: { completedAt: now }, fact: { type: 'order.auto_completed' } },
    null,
  );
}

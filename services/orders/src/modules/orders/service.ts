import {
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
  OrderIdInput,
  OrderStatus,
  QueryMyOrdersArgs,
  RequestRevisionInput,
  SubmitRequirementsInput,
} from '../../generated/resolvers.js';
import { applyTransition, type TransitionUpdate } from './apply.js';
import type { OrderDoc } from './model.js';
import {
  AUTO_COMPLETE_AFTER_MS,
  canSeeOrder,
  cancelOrderInput,
  deliverOrderInput,
  dueAtFrom,
  invalidStateMessage,
  isLate,
  lateness,
  partiesOf,
  requestRevisionInput,
  revisionsRemaining,
  submitRequirementsInput,
} from './rules.js';
import { decide, TRANSITIONS, type OrderAction } from './transitions.js';

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

function invalidState(status: OrderStatus): never {
  return failWith(null, invalidStateMessage(status), 'INVALID_STATE');
}

interface Prepared {
  order: OrderDoc;
  decision: Extract<ReturnType<typeof decide>, { ok: true }>;
  now: Date;
}

/**
 * The order and the table's decision for this member: NOT_FOUND (an order they cannot see), FORBIDDEN
 * (thrown: a party or admin who may never take the action) or INVALID_STATE (a user error).
 */
async function prepare(ctx: MemberContext, orderId: string, action: OrderAction): Promise<Prepared> {
  const order = await loadOrder(ctx, orderId);
  const now = ctx.clock();
  const decision = decide(action, partiesOf(ctx.viewer, order), order.status, isLate(lateness(order), now));
  if (!decision.ok) {
    if (decision.reason === 'FORBIDDEN') throw forbidden();
    return invalidState(order.status);
  }
  return { order, decision, now };
}

/** Applies the transition `prepare` decided; if the order changed meanwhile, says so (lostRace). */
async function commit(
  ctx: OrdersContext,
  prepared: Prepared,
  change: Omit<TransitionUpdate, 'orderId' | 'version' | 'from' | 'to' | 'at' | 'order'>,
): Promise<OrderDoc> {
  const { order, decision, now } = prepared;
  const updated = await applyTransition(ctx.models, {
    orderId: order._id,
    version: order.version,
    from: decision.from.status,
    to: decision.to,
    at: now,
    order,
    ...change,
  });
  return updated ?? lostRace(ctx, order);
}

/** After a conditional update matched nothing: someone else changed the order first. */
async function lostRace(ctx: OrdersContext, order: OrderDoc): Promise<never> {
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
    set: { requirements, startedAt: now, dueAt: dueAtFrom(now, order.package.deliveryDays) },
  });
}

export async function deliverOrder(ctx: MemberContext, input: DeliverOrderInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'deliver');
  const { order, now } = prepared;
  const { message, attachments } = parseInput(deliverOrderInput, input);
  const first = order.deliveries.length === 0;
  const late = first && order.dueAt !== null && now.getTime() > order.dueAt.getTime();
  return commit(ctx, prepared, {
    events: TRANSITIONS.deliver.events.map((type) => ({ type, actorId: ctx.viewer.id })),
    set: { lastDeliveredAt: now, ...(first ? { deliveredLate: late } : {}) },
    push: { deliveries: { _id: newId(), message, attachments, deliveredAt: now } },
  });
}

export async function requestRevision(ctx: MemberContext, input: RequestRevisionInput): Promise<OrderDoc> {
  const prepared = await prepare(ctx, input.orderId, 'requestRevision');
  const { order } = prepared;
  if (revisionsRemaining(order.package.revisions ?? null, order.revisionsUsed) === 0) {
    failWith(null, 'No revision is left in this package.', 'LIMIT_REACHED');
  }
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
    set: { cancelledAt: now },
    fact: { type: 'order.cancelled' },
  });
}

// ---------------------------------------------------------------------------------------------
// Auto-completion (the job in auto-complete.ts runs these with a context of its own).

/** What auto-completion reads of a due order. */
export type DueOrder = Pick<OrderDoc, '_id' | 'lastDeliveredAt' | 'version' | 'gigId' | 'sellerId' | 'buyerId' | 'number' | 'dueAt'>;

/** DELIVERED orders whose last delivery is 3 days old at the context's time, by id after `after`. */
export function ordersDueForAutoCompletion(ctx: OrdersContext, after: Types.ObjectId | null, limit: number): Promise<DueOrder[]> {
  const cutoff = new Date(ctx.clock().getTime() - AUTO_COMPLETE_AFTER_MS);
  return ctx.models.Order.find(
    { status: 'DELIVERED', lastDeliveredAt: { $lte: cutoff }, ...(after ? { _id: { $gt: after } } : {}) },
    { _id: 1, lastDeliveredAt: 1, version: 1, gigId: 1, sellerId: 1, buyerId: 1, number: 1, dueAt: 1 },
  )
    .sort({ _id: 1 })
    .limit(limit)
    .lean<DueOrder[]>()
    .exec();
}

/**
 * Completes a DELIVERED order whose last delivery is at least 3 days old, with no actor. The
 * precondition on lastDeliveredAt means a revision requested and re-delivered meanwhile is never
 * completed on the strength of the older delivery; several job instances race harmlessly.
 */
export function autoComplete(ctx: OrdersContext, order: DueOrder): Promise<OrderDoc | null> {
  const now = ctx.clock();
  return applyTransition(ctx.models, {
    orderId: order._id,
    version: order.version,
    from: 'DELIVERED',
    to: TRANSITIONS.autoComplete.to,
    at: now,
    events: [{ type: 'AUTO_COMPLETED', actorId: null }],
    where: { lastDeliveredAt: order.lastDeliveredAt },
    set: { completedAt: now },
    order,
    fact: { type: 'order.auto_completed' },
  });
}

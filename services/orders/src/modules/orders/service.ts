import { failWith, forbidden, isObjectId, newId, parseInput, type Viewer } from '@gigmart/shared';
import { Types } from 'mongoose';
import type { OrdersDeps, OrdersModels } from '../../context.js';
import { partiesOf } from '../../context.js';
import {
  cancelOrderInput,
  deliverOrderInput,
  dueAtFrom,
  isLate,
  requestRevisionInput,
  revisionsRemaining,
  submitRequirementsInput,
  type LatenessFacts,
} from './rules.js';
import { decide, TRANSITIONS, type OrderAction, type OrderStatus } from './transitions.js';
import { applyTransition, type TransitionUpdate } from './apply.js';
import type { OrderDoc } from './model.js';

/**
 * The lifecycle mutations. Each reads the order, asks the transition table whether this viewer may
 * take the action in the order's current status, checks the input, then makes the change with
 * applyTransition (one conditional update on the status and version it read). A concurrent change in between makes it fail: the caller gets INVALID_STATE with the
 * order's new status, never a double effect.
 */

const STATUS_WORDS: Record<OrderStatus, string> = {
  AWAITING_REQUIREMENTS: 'awaiting requirements',
  IN_PROGRESS: 'in progress',
  DELIVERED: 'delivered',
  IN_REVISION: 'in revision',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
};

function invalidState(status: OrderStatus): never {
  return failWith(null, `This cannot be done while the order is ${STATUS_WORDS[status]}.`, 'INVALID_STATE');
}

export async function loadOrder(models: OrdersModels, orderId: string): Promise<OrderDoc> {
  const order = isObjectId(orderId) ? await models.Order.findById(orderId).lean<OrderDoc>().exec() : null;
  if (!order) failWith(['input', 'orderId'], 'No such order.', 'NOT_FOUND');
  return order;
}

interface Prepared {
  order: OrderDoc;
  decision: Extract<ReturnType<typeof decide>, { ok: true }>;
  now: Date;
}

async function prepare(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, orderId: string, action: OrderAction): Promise<Prepared> {
  const order = await loadOrder(models, orderId);
  const now = deps.clock();
  const decision = decide(action, partiesOf(viewer, order), order.status, isLate(lateness(order), now));
  if (!decision.ok) {
    if (decision.reason === 'FORBIDDEN') throw forbidden();
    invalidState(order.status);
  }
  return { order, decision: decision as Prepared['decision'], now };
}

export function lateness(order: OrderDoc): LatenessFacts {
  return {
    status: order.status,
    dueAt: order.dueAt ?? null,
    deliveredLate: order.deliveredLate ?? false,
    deliveryCount: order.deliveries?.length ?? 0,
    cancelledAt: order.cancelledAt ?? null,
  };
}

/** Applies the transition `prepare` decided; if the order changed meanwhile, says so (lostRace). */
async function commit(
  models: OrdersModels,
  prepared: Prepared,
  change: Omit<TransitionUpdate, 'orderId' | 'version' | 'from' | 'to' | 'at'>,
): Promise<OrderDoc> {
  const { order, decision, now } = prepared;
  const updated = await applyTransition(models, { orderId: order._id, version: order.version, from: decision.from.status, to: decision.to, at: now, ...change });
  return updated ?? lostRace(models, order);
}

/** After a conditional update matched nothing: someone else changed the order first. */
async function lostRace(models: OrdersModels, order: OrderDoc): Promise<never> {
  const now = await models.Order.findById(order._id).lean<OrderDoc>().exec();
  return invalidState(now?.status ?? order.status);
}

// ---------------------------------------------------------------------------------------------

export interface SubmitRequirementsInput {
  orderId: string;
  answers: Array<{ requirementId: string; answer: string }>;
}

export async function submitRequirements(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, input: SubmitRequirementsInput): Promise<OrderDoc> {
  const { order, decision, now } = await prepare(models, deps, viewer, input.orderId, 'submitRequirements');
  const { answers: requirements } = parseInput(submitRequirementsInput(order.requirementQuestions), input);
  return commit(models, { order, decision, now }, {
    events: [
      { type: 'REQUIREMENTS_SUBMITTED', actorId: viewer.id },
      { type: 'STARTED', actorId: null },
    ],
    set: { requirements, startedAt: now, dueAt: dueAtFrom(now, order.package.deliveryDays) },
  });
}

export interface DeliverOrderInput {
  orderId: string;
  message: string;
  attachments?: string[] | null;
}

export async function deliverOrder(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, input: DeliverOrderInput): Promise<OrderDoc> {
  const { order, decision, now } = await prepare(models, deps, viewer, input.orderId, 'deliver');
  const { message, attachments } = parseInput(deliverOrderInput, input);

  const first = order.deliveries.length === 0;
  const late = first && order.dueAt !== null && now.getTime() > order.dueAt.getTime();
  return commit(models, { order, decision, now }, {
    events: TRANSITIONS.deliver.events.map((type) => ({ type, actorId: viewer.id })),
    set: { lastDeliveredAt: now, ...(first ? { deliveredLate: late } : {}) },
    push: { deliveries: { _id: newId(), message, attachments, deliveredAt: now } },
  });
}

export interface RequestRevisionInput {
  orderId: string;
  message: string;
}

export async function requestRevision(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, input: RequestRevisionInput): Promise<OrderDoc> {
  const { order, decision, now } = await prepare(models, deps, viewer, input.orderId, 'requestRevision');
  if (revisionsRemaining(order.package.revisions ?? null, order.revisionsUsed) === 0) {
    failWith(null, 'No revision is left in this package.', 'LIMIT_REACHED');
  }
  const { message } = parseInput(requestRevisionInput, input);
  return commit(models, { order, decision, now }, {
    events: [{ type: 'REVISION_REQUESTED', actorId: viewer.id, note: message }],
    where: { revisionsUsed: order.revisionsUsed },
    inc: { revisionsUsed: 1 },
  });
}

export async function acceptDelivery(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, input: { orderId: string }): Promise<OrderDoc> {
  const { order, decision, now } = await prepare(models, deps, viewer, input.orderId, 'accept');
  return commit(models, { order, decision, now }, {
    events: [{ type: 'COMPLETED', actorId: viewer.id }],
    set: { completedAt: now },
    fact: { type: 'order.completed', order },
  });
}

export interface CancelOrderInput {
  orderId: string;
  reason: string;
}

export async function cancelOrder(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, input: CancelOrderInput): Promise<OrderDoc> {
  const { order, decision, now } = await prepare(models, deps, viewer, input.orderId, 'cancel');
  const { reason } = parseInput(cancelOrderInput, input);
  return commit(models, { order, decision, now }, {
    events: [{ type: 'CANCELLED', actorId: viewer.id, note: reason }],
    // "Only once late" must still hold when the update lands.
    where: decision.from.onlyIfLate ? { dueAt: { $lt: now } } : {},
    set: { cancelledAt: now },
    fact: { type: 'order.cancelled', order },
  });
}

/**
 * Completes a DELIVERED order whose last delivery is at least 3 days old, with no actor. The
 * precondition on lastDeliveredAt means a revision requested and re-delivered meanwhile is never
 * completed on the strength of the older delivery; several job instances race harmlessly.
 */
export async function autoComplete(
  models: OrdersModels,
  order: Pick<OrderDoc, '_id' | 'lastDeliveredAt' | 'version' | 'gigId' | 'sellerId'>,
  now: Date,
): Promise<OrderDoc | null> {
  return applyTransition(models, {
    orderId: order._id instanceof Types.ObjectId ? order._id : new Types.ObjectId(String(order._id)),
    version: order.version,
    from: 'DELIVERED',
    to: TRANSITIONS.autoComplete.to,
    at: now,
    events: [{ type: 'AUTO_COMPLETED', actorId: null }],
    where: { lastDeliveredAt: order.lastDeliveredAt },
    set: { completedAt: now },
    fact: { type: 'order.auto_completed', order },
  });
}

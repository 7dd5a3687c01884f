import { Schema, type Connection, type Types } from 'mongoose';
import type { DomainEvent, OrderOutboxEvent } from '@gigmart/shared';
import type { DisputeOutcome, DisputeStatus, OrderEventType, OrderStatus, PackageTier, RequestStatus } from '../../generated/resolvers.js';
import type { OrderChargeDoc, OrderedExtraDoc } from './charges.js';
import { ORDER_EVENT_TYPES, ORDER_STATUSES } from './transitions.js';
// The ledger line's schema only (no module code): an order carries its ledger drafts (money/model.ts).
import { ledgerEntrySchema, type LedgerEntryDoc } from '../money/model.js';

/**
 * One order, with everything that must change atomically with its status inside the document:
 * events, deliveries, revision count. Member and gig ids are stored as the other services' id
 * strings (they are never joined here, only matched).
 *
 * Indexes:
 * - `number` unique: the human-friendly order number.
 * - `buyerId + idempotencyKey` unique: placing twice with one key makes one order, also when the
 *   two requests race (idempotencyKey is always set, `auto:<id>` when the client gave none,
 *   because a unique index over a missing field is not enforced alike on FerretDB and MongoDB).
 *   `requestFingerprint` beside it tells a repeated request from a different one reusing the key.
 * - `buyerId + createdAt + _id`, `sellerId + createdAt + _id`: myOrders, newest first.
 * - `sellerId + status`, `gigId + status`: the seller's and the gig's counts and sums.
 * - `status + lastDeliveredAt`: the auto-completion job's scan.
 * - `outboxCount`: the relay's scan for orders with undelivered events (see modules/outbox/relay.ts).
 * - `buyerId + charges.idempotencyKey`: buyExtras' idempotency keys (scoped to the buyer).
 * - `pendingUntil`: the lapse job's scan. (Answers to a request read its order by `_id`: a request's
 *   public id names its order, see requests.ts.)
 * - `dispute.status + dispute.createdAt + _id`: disputedOrders, the oldest dispute first.
 * - `ledgerPendingCount`: the ledger sweep's scan; `sellerId + earningsHeld`: a seller's held orders.
 *
 * Ledger: `ledgerPending` holds the seller's ledger lines this order's changes wrote and that are
 * not yet copied to the ledger collection (modules/money/ledger.ts), pushed by the very write that
 * made the change, like the outbox.
 *
 * Outbox: `outbox` holds the events of this order not yet acknowledged by their consumer, pushed
 * by the very write that made the change (so a change and its event cannot exist one without the
 * other); `outboxCount` mirrors its length for the scan; `relayLease` is the relay instance
 * publishing them right now (or backing off after a failure) until `until`.
 */
export interface OrderEventDoc {
  type: OrderEventType;
  actorId: string | null;
  at: Date;
  note: string | null;
}

export interface DeliveryDoc {
  _id: Types.ObjectId;
  message: string;
  attachments: string[];
  /** DELIVERY files at the media service, attached to `delivery:<orderId>:<deliveryId>` with the buyer as reader. */
  fileIds?: string[];
  deliveredAt: Date;
}

export interface RequirementQuestionDoc {
  id: string;
  question: string;
  required: boolean;
}

export interface RequirementAnswerDoc {
  requirementId: string;
  question: string;
  answer: string;
}

export interface OrderedPackageDoc {
  tier: PackageTier;
  name: string;
  priceCents: number;
  deliveryDays: number;
  revisions: number | null;
  gigTitle: string;
}

export interface OrderDoc {
  _id: Types.ObjectId;
  number: string;
  buyerId: string;
  sellerId: string;
  gigId: string;
  idempotencyKey: string;
  /**
   * The fingerprint of the placement's input (rules.ts placementFingerprint): a reuse of the key
   * with another request is refused. Null for orders placed before it was kept.
   */
  requestFingerprint: string | null;
  package: OrderedPackageDoc;
  requirementQuestions: RequirementQuestionDoc[];
  requirements: RequirementAnswerDoc[];
  status: OrderStatus;
  /** The sums over `charges` (charges.ts totalsOf), rewritten by every write that changes a charge or a refund. */
  subtotalCents: number;
  serviceFeeCents: number;
  totalCents: number;
  sellerEarningsCents: number;
  /** Absent on orders placed before charges were kept: one ORDER charge of their subtotal (chargesOf). */
  charges?: OrderChargeDoc[];
  extras?: OrderedExtraDoc[];
  /** What the buyer got back, and the part of it that came out of the subtotal (earnings are on the rest). */
  refundedCents?: number;
  refundedSubtotalCents?: number;
  extensionRequests?: OrderRequestDoc[];
  cancellationRequests?: OrderRequestDoc[];
  partialRefundOffers?: OrderRequestDoc[];
  dispute?: DisputeDoc | null;
  /** The earliest respondBy of a PENDING request (the lapse job's scan); null when none is pending. */
  pendingUntil?: Date | null;
  /** A COMPLETED order's earnings are held (not cleared) while its dispute is OPEN. */
  earningsHeld?: boolean;
  /** When the ORDER_EARNING clears (set at completion; null on orders completed before the ledger). */
  earningsAvailableAt?: Date | null;
  /** The ORDER_EARNING is written (or was never due): set by completion and by the migration. */
  earningsInLedger?: boolean;
  /** The buyer's tip (orders.money.graphql), once. */
  tip?: TipDoc | null;
  ledgerPending?: LedgerEntryDoc[];
  ledgerPendingCount?: number;
  /** Lines ever pushed into ledgerPending: clearing the list is conditional on it (money/ledger.ts). */
  ledgerSeq?: number;
  startedAt: Date | null;
  dueAt: Date | null;
  deliveries: DeliveryDoc[];
  /**
   * When the 3 days of automatic completion started: the last delivery, or the end of a cancellation
   * request since; null while a cancellation request is PENDING (no automatic completion then).
   */
  lastDeliveredAt: Date | null;
  /** Decided at the first delivery (see isLate in rules.ts). */
  deliveredLate: boolean;
  revisionsUsed: number;
  /** Bumped by every transition (the conditional update's guard); the sequence of its events. */
  version: number;
  events: OrderEventDoc[];
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  outbox: OrderOutboxEvent[];
  outboxCount: number;
  relayLease: RelayLeaseDoc | null;
  /** Failed publications in a row, for the relay's backoff; 0 after a success. */
  relayFailures: number;
}

/**
 * One extension request, cancellation request or partial refund offer (orders.resolution.graphql):
 * the fields of its kind are set, the others null. Ids are unique over all orders (answers name them).
 */
export interface OrderRequestDoc {
  _id: Types.ObjectId;
  /** The member who asked. */
  requestedBy: string;
  /** Their party on the order. */
  party: 'BUYER' | 'SELLER';
  status: RequestStatus;
  days: number | null;
  reason: string | null;
  percent: number | null;
  amountCents: number | null;
  respondBy: Date;
  createdAt: Date;
  answeredAt: Date | null;
}

export interface TipDoc {
  amountCents: number;
  sellerEarningsCents: number;
  at: Date;
}

export interface DisputeDoc {
  _id: Types.ObjectId;
  openedBy: string;
  reason: string;
  status: DisputeStatus;
  outcome: DisputeOutcome | null;
  refundPercent: number | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface RelayLeaseDoc {
  /** The relay instance. */
  owner: string;
  /** Unique per claim, so only the claimer can release or extend it. */
  token: string;
  until: Date;
}

/** An outbox entry (an event not yet acknowledged); also the offers' (modules/offers). */
export const outboxEventSchema = new Schema<DomainEvent>(
  {
    id: { type: String, required: true },
    type: { type: String, required: true },
    aggregateId: { type: String, required: true },
    sequence: { type: Number, required: true },
    occurredAt: { type: String, required: true },
    data: { type: Schema.Types.Mixed, required: true },
  },
  { _id: false },
);

/** The relay's lease on a document with an outbox (an order, an offer). */
export const relayLeaseSchema = new Schema<RelayLeaseDoc>(
  { owner: { type: String, required: true }, token: { type: String, required: true }, until: { type: Date, required: true } },
  { _id: false },
);

const eventSchema = new Schema<OrderEventDoc>(
  {
    type: { type: String, enum: ORDER_EVENT_TYPES, required: true },
    actorId: { type: String, default: null },
    at: { type: Date, required: true },
    note: { type: String, default: null },
  },
  { _id: false },
);

const deliverySchema = new Schema<DeliveryDoc>({
  message: { type: String, required: true },
  attachments: { type: [String], default: [] },
  fileIds: { type: [String], default: [] },
  deliveredAt: { type: Date, required: true },
});

const chargeSchema = new Schema<OrderChargeDoc>(
  {
    kind: { type: String, required: true },
    subtotalCents: { type: Number, required: true },
    serviceFeeCents: { type: Number, required: true },
    at: { type: Date, required: true },
    idempotencyKey: { type: String, default: null },
    fingerprint: { type: String, default: null },
  },
  { _id: false },
);

const orderedExtraSchema = new Schema<OrderedExtraDoc>(
  {
    extraId: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    quantity: { type: Number, required: true },
    unitPriceCents: { type: Number, required: true },
    days: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const requestSchema = new Schema<OrderRequestDoc>({
  requestedBy: { type: String, required: true },
  party: { type: String, required: true },
  status: { type: String, required: true },
  days: { type: Number, default: null },
  reason: { type: String, default: null },
  percent: { type: Number, default: null },
  amountCents: { type: Number, default: null },
  respondBy: { type: Date, required: true },
  createdAt: { type: Date, required: true },
  answeredAt: { type: Date, default: null },
});

const disputeSchema = new Schema<DisputeDoc>({
  openedBy: { type: String, required: true },
  reason: { type: String, required: true },
  status: { type: String, required: true },
  outcome: { type: String, default: null },
  refundPercent: { type: Number, default: null },
  resolutionNote: { type: String, default: null },
  resolvedBy: { type: String, default: null },
  createdAt: { type: Date, required: true },
  resolvedAt: { type: Date, default: null },
});

const orderSchema = new Schema<OrderDoc>({
  number: { type: String, required: true, unique: true },
  buyerId: { type: String, required: true },
  sellerId: { type: String, required: true },
  gigId: { type: String, required: true },
  idempotencyKey: { type: String, required: true },
  requestFingerprint: { type: String, default: null },
  package: {
    type: new Schema<OrderedPackageDoc>(
      {
        tier: { type: String, required: true },
        name: { type: String, required: true },
        priceCents: { type: Number, required: true },
        deliveryDays: { type: Number, required: true },
        revisions: { type: Number, default: null },
        gigTitle: { type: String, required: true },
      },
      { _id: false },
    ),
    required: true,
  },
  requirementQuestions: {
    type: [new Schema<RequirementQuestionDoc>({ id: String, question: String, required: Boolean }, { _id: false })],
    default: [],
  },
  requirements: {
    type: [new Schema<RequirementAnswerDoc>({ requirementId: String, question: String, answer: String }, { _id: false })],
    default: [],
  },
  status: { type: String, enum: ORDER_STATUSES, required: true },
  subtotalCents: { type: Number, required: true },
  serviceFeeCents: { type: Number, required: true },
  totalCents: { type: Number, required: true },
  sellerEarningsCents: { type: Number, required: true },
  charges: { type: [chargeSchema], default: undefined },
  extras: { type: [orderedExtraSchema], default: [] },
  refundedCents: { type: Number, default: 0 },
  refundedSubtotalCents: { type: Number, default: 0 },
  extensionRequests: { type: [requestSchema], default: [] },
  cancellationRequests: { type: [requestSchema], default: [] },
  partialRefundOffers: { type: [requestSchema], default: [] },
  dispute: { type: disputeSchema, default: null },
  pendingUntil: { type: Date, default: null },
  earningsHeld: { type: Boolean, default: false },
  earningsAvailableAt: { type: Date, default: null },
  earningsInLedger: { type: Boolean, default: false },
  tip: {
    type: new Schema<TipDoc>(
      {
        amountCents: { type: Number, required: true },
        sellerEarningsCents: { type: Number, required: true },
        at: { type: Date, required: true },
      },
      { _id: false },
    ),
    default: null,
  },
  ledgerPending: { type: [ledgerEntrySchema], default: [] },
  ledgerPendingCount: { type: Number, default: 0 },
  ledgerSeq: { type: Number, default: 0 },
  startedAt: { type: Date, default: null },
  dueAt: { type: Date, default: null },
  deliveries: { type: [deliverySchema], default: [] },
  lastDeliveredAt: { type: Date, default: null },
  deliveredLate: { type: Boolean, default: false },
  revisionsUsed: { type: Number, default: 0 },
  version: { type: Number, required: true, default: 0 },
  events: { type: [eventSchema], default: [] },
  completedAt: { type: Date, default: null },
  cancelledAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  outbox: { type: [outboxEventSchema], default: [] },
  outboxCount: { type: Number, default: 0 },
  relayLease: { type: relayLeaseSchema, default: null },
  relayFailures: { type: Number, default: 0 },
});
orderSchema.index({ buyerId: 1, idempotencyKey: 1 }, { unique: true });
orderSchema.index({ buyerId: 1, createdAt: -1, _id: -1 });
orderSchema.index({ sellerId: 1, createdAt: -1, _id: -1 });
orderSchema.index({ sellerId: 1, status: 1 });
orderSchema.index({ gigId: 1, status: 1 });
orderSchema.index({ status: 1, lastDeliveredAt: 1 });
orderSchema.index({ outboxCount: 1 });
orderSchema.index({ buyerId: 1, 'charges.idempotencyKey': 1 });
orderSchema.index({ pendingUntil: 1 });
orderSchema.index({ 'dispute.status': 1, 'dispute.createdAt': 1, _id: 1 });
orderSchema.index({ ledgerPendingCount: 1 });
orderSchema.index({ sellerId: 1, earningsHeld: 1 });

export function orderModel(connection: Connection) {
  return connection.model<OrderDoc>('Order', orderSchema, 'orders');
}
export type OrderModel = ReturnType<typeof orderModel>;

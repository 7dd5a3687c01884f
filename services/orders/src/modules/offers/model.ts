import type { OfferEvent } from '@gigmart/shared';
import { Schema, type Connection, type Types } from 'mongoose';
import type { OfferStatus } from '../../generated/resolvers.js';
import { outboxEventSchema, relayLeaseSchema, type RelayLeaseDoc, type RequirementQuestionDoc } from '../orders/index.js';

/**
 * A seller's custom offer to one buyer. Member and gig ids are the other services' id strings.
 *
 * `status` is what was last written: a PENDING offer whose `expiresAt` has passed reads as EXPIRED
 * (rules.ts effectiveStatus) until the expiry job writes it. Accepting fixes `orderId` and the
 * order's terms (`acceptedQuestions`) in the one conditional update that claims the offer, so every
 * caller that finds it ACCEPTED stores the very same order (modules/orders insertOrder).
 *
 * Outbox: like an order's (modules/outbox), `outbox` holds the offer's events not yet acknowledged
 * by the inbox, pushed by the write that made the change; the offers relay publishes them.
 *
 * Indexes:
 * - `sellerId + idempotencyKey` unique: sending twice with one key makes one offer, also in a race
 *   (always set: `auto:<id>` when the client gave none).
 * - `sellerId + createdAt + _id`, `buyerId + createdAt + _id`: myOffers, newest first.
 * - `sellerId + buyerId + status`: the pending offers of a pair.
 * - `sellerId + buyerId + pendingSlot` unique: the limit of 10 pending offers per pair, also in a
 *   race. A PENDING offer holds one of the pair's slots `slot-0` ... `slot-9`; the update that takes
 *   it out of PENDING sets `done-<id>` (its own value: the field is always set, see
 *   notes on unique indexes over missing fields), freeing the slot in that same write.
 * - `status + expiresAt`: the expiry job's scan.
 * - `orderId`: Order.offer.
 * - `outboxCount`: the relay's scan.
 */
export interface OfferDoc {
  _id: Types.ObjectId;
  sellerId: string;
  buyerId: string;
  gigId: string;
  /** The gig's title when the offer was sent (the order keeps the one at acceptance). */
  gigTitle: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  /** null: unlimited. */
  revisions: number | null;
  skipRequirements: boolean;
  status: OfferStatus;
  declineReason: string | null;
  expiresAt: Date;
  /** Fixed by the update that accepts it, before the order exists. */
  orderId: Types.ObjectId | null;
  /** The gig's title and questions at acceptance: the order is made of these. */
  acceptedGigTitle: string | null;
  acceptedQuestions: RequirementQuestionDoc[];
  acceptedAt: Date | null;
  idempotencyKey: string;
  requestFingerprint: string;
  /** `slot-<n>` while PENDING (the pair's limit), `done-<id>` after. */
  pendingSlot: string;
  /** Bumped by every change (the sequence of its events). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  outbox: OfferEvent[];
  outboxCount: number;
  relayLease: RelayLeaseDoc | null;
  relayFailures: number;
}

const offerSchema = new Schema<OfferDoc>({
  sellerId: { type: String, required: true },
  buyerId: { type: String, required: true },
  gigId: { type: String, required: true },
  gigTitle: { type: String, required: true },
  description: { type: String, required: true },
  priceCents: { type: Number, required: true },
  deliveryDays: { type: Number, required: true },
  revisions: { type: Number, default: null },
  skipRequirements: { type: Boolean, required: true },
  status: { type: String, required: true },
  declineReason: { type: String, default: null },
  expiresAt: { type: Date, required: true },
  orderId: { type: Schema.Types.ObjectId, default: null },
  acceptedGigTitle: { type: String, default: null },
  acceptedQuestions: {
    type: [new Schema<RequirementQuestionDoc>({ id: String, question: String, required: Boolean }, { _id: false })],
    default: [],
  },
  acceptedAt: { type: Date, default: null },
  idempotencyKey: { type: String, required: true },
  requestFingerprint: { type: String, required: true },
  pendingSlot: { type: String, required: true },
  version: { type: Number, required: true, default: 0 },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  outbox: { type: [outboxEventSchema], default: [] },
  outboxCount: { type: Number, default: 0 },
  relayLease: { type: relayLeaseSchema, default: null },
  relayFailures: { type: Number, default: 0 },
});
offerSchema.index({ sellerId: 1, idempotencyKey: 1 }, { unique: true });
offerSchema.index({ sellerId: 1, createdAt: -1, _id: -1 });
offerSchema.index({ buyerId: 1, createdAt: -1, _id: -1 });
offerSchema.index({ sellerId: 1, buyerId: 1, status: 1 });
offerSchema.index({ sellerId: 1, buyerId: 1, pendingSlot: 1 }, { unique: true });
offerSchema.index({ status: 1, expiresAt: 1 });
offerSchema.index({ orderId: 1 });
offerSchema.index({ outboxCount: 1 });

export function offerModel(connection: Connection) {
  return connection.model<OfferDoc>('Offer', offerSchema, 'offers');
}
export type OfferModel = ReturnType<typeof offerModel>;

/**
 * Offers a seller sent in one UTC day (the limit of 20 a day): one document per seller and day,
 * `_id` `<sellerId>:<day>`, counted up only by a conditional increment that refuses the 21st, so two
 * sends at once cannot both take the last place.
 */
export interface OfferDayDoc {
  _id: string;
  sellerId: string;
  day: Date;
  count: number;
}

const offerDaySchema = new Schema<OfferDayDoc>({
  _id: { type: String, required: true },
  sellerId: { type: String, required: true },
  day: { type: Date, required: true },
  count: { type: Number, required: true, default: 0 },
});
offerDaySchema.index({ day: 1 });

export function offerDayModel(connection: Connection) {
  return connection.model<OfferDayDoc>('OfferDay', offerDaySchema, 'offerdays');
}
export type OfferDayModel = ReturnType<typeof offerDayModel>;

import { createHash } from 'node:crypto';
import { isAdmin, rule, text, wholeNumber, type OfferEventType, type SortSpec, type Viewer } from '@gigmart/shared';
import { z } from 'zod';
import type { OfferStatus } from '../../generated/resolvers.js';
import { canonicalJson } from '../orders/index.js';
import type { OfferDoc } from './model.js';

/** Custom offers' rules: input, limits, visibility, the status a reader sees. Pure. */

const DAY_MS = 24 * 60 * 60 * 1000;

export const OFFER_LIMITS = {
  description: { min: 10, max: 1500 },
  priceCents: { min: 500, max: 1_000_000 },
  deliveryDays: { min: 1, max: 90 },
  revisions: { min: 0, max: 20 },
  expiresInDays: { min: 1, max: 30 },
  declineReason: { max: 500 },
  idempotencyKey: { min: 1, max: 255 },
} as const;

/** PENDING offers one seller may have out to one buyer at a time. */
export const PENDING_PER_PAIR = 10;

/** The pair's slots a PENDING offer may hold (model.ts `pendingSlot`): `slot-0` ... `slot-9`. */
export const PENDING_SLOTS: readonly string[] = Array.from({ length: PENDING_PER_PAIR }, (_, i) => `slot-${i}`);

/** The value that frees an offer's slot when it leaves PENDING. */
export const doneSlot = (offerId: string): string => `done-${offerId}`;

/** The first of the pair's slots that no pending offer holds; null when all are held. */
export function freeSlot(held: ReadonlySet<string>): string | null {
  return PENDING_SLOTS.find((slot) => !held.has(slot)) ?? null;
}
/** Offers one seller may send in one UTC day. */
export const OFFERS_PER_DAY = 20;
export const DEFAULT_EXPIRES_IN_DAYS = 7;

/** Keys the service makes up for sends without one (the unique index needs a value). */
export const AUTO_OFFER_KEY_PREFIX = 'auto:';

export const OFFERS_NEWEST_FIRST: SortSpec = { name: 'offers:newest', keys: [{ field: 'createdAt', direction: -1 }] };

/** Seller, buyer and admins see an offer; nobody else learns it exists. */
export function canSeeOffer(viewer: Viewer | null, offer: Pick<OfferDoc, 'sellerId' | 'buyerId'>): boolean {
  return Boolean(viewer && (viewer.id === offer.sellerId || viewer.id === offer.buyerId || isAdmin(viewer)));
}

/** The status as of `now`: a PENDING offer past its expiry is EXPIRED, whether or not the job has run. */
export function effectiveStatus(offer: Pick<OfferDoc, 'status' | 'expiresAt'>, now: Date): OfferStatus {
  return offer.status === 'PENDING' && offer.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : offer.status;
}

/** The database filter for offers whose effective status (above) is one of `statuses` at `now`. */
export function statusFilter(statuses: readonly OfferStatus[], now: Date): Record<string, unknown> {
  const clauses = [...new Set(statuses)].map((status): Record<string, unknown> => {
    if (status === 'PENDING') return { status: 'PENDING', expiresAt: { $gt: now } };
    if (status === 'EXPIRED') return { $or: [{ status: 'EXPIRED' }, { status: 'PENDING', expiresAt: { $lte: now } }] };
    return { status };
  });
  return clauses.length === 1 ? clauses[0]! : { $or: clauses };
}

export function expiresAtFrom(sentAt: Date, days: number): Date {
  return new Date(sentAt.getTime() + days * DAY_MS);
}

/** The UTC day of `at` (the daily limit's window) and the id of a seller's counter for it. */
export function offerDayOf(sellerId: string, at: Date): { _id: string; day: Date } {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return { _id: `${sellerId}:${day.toISOString().slice(0, 10)}`, day };
}

/** Which event a change to `status` records. */
export const EVENT_OF: Readonly<Record<OfferStatus, OfferEventType>> = {
  PENDING: 'offer.sent',
  ACCEPTED: 'offer.accepted',
  DECLINED: 'offer.declined',
  WITHDRAWN: 'offer.withdrawn',
  EXPIRED: 'offer.expired',
};

const STATUS_WORDS: Record<OfferStatus, string> = {
  PENDING: 'pending',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  WITHDRAWN: 'withdrawn',
  EXPIRED: 'expired',
};

export function offerStateMessage(status: OfferStatus): string {
  return `This cannot be done: the offer is ${STATUS_WORDS[status]}.`;
}

// ---------------------------------------------------------------------------------------------
// Input.

const idempotencyKey = z
  .string()
  .refine(
    (key) =>
      key.length >= OFFER_LIMITS.idempotencyKey.min &&
      key.length <= OFFER_LIMITS.idempotencyKey.max &&
      !key.startsWith(AUTO_OFFER_KEY_PREFIX),
    rule(`The idempotency key must be 1-${OFFER_LIMITS.idempotencyKey.max} characters, not starting with "${AUTO_OFFER_KEY_PREFIX}".`),
  )
  .nullish()
  .transform((key) => key ?? null);

export const sendOfferInput = z.object({
  gigId: z.string(),
  buyerId: z.string(),
  description: text({ label: 'The description', ...OFFER_LIMITS.description, multiline: true }),
  priceCents: wholeNumber('The price in cents', OFFER_LIMITS.priceCents),
  deliveryDays: wholeNumber('The delivery time in days', OFFER_LIMITS.deliveryDays),
  revisions: wholeNumber('Revisions', OFFER_LIMITS.revisions)
    .nullish()
    .transform((value) => value ?? null),
  skipRequirements: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  expiresInDays: wholeNumber('The days until it expires', OFFER_LIMITS.expiresInDays)
    .nullish()
    .transform((value) => value ?? DEFAULT_EXPIRES_IN_DAYS),
  idempotencyKey,
});
export type SendOfferFields = z.output<typeof sendOfferInput>;

export const declineOfferInput = z.object({
  offerId: z.string(),
  reason: text({ label: 'The reason', max: OFFER_LIMITS.declineReason.max, multiline: true })
    .nullish()
    .transform((value) => (value ? value : null)),
});

/** The first of the fingerprint's versions: a change to the normalization gets a new one. */
const FINGERPRINT_VERSION = 'v1';

/**
 * The fingerprint kept with an offer's idempotency key: a hash of the parsed input without the key
 * (ids in lower case, as stored), so the same request gives the same one whatever its field order.
 */
export function sendOfferFingerprint(fields: SendOfferFields): string {
  const { idempotencyKey: _key, ...request } = fields;
  const normalized = { operation: 'sendOffer', ...request, gigId: request.gigId.toLowerCase(), buyerId: request.buyerId.toLowerCase() };
  return `${FINGERPRINT_VERSION}:${createHash('sha256').update(canonicalJson(normalized)).digest('hex')}`;
}

export const OFFER_KEY_REUSED_MESSAGE = 'This idempotency key was already used for a different offer.';

/** The fingerprint of the order an accepted offer places (one per offer). */
export function offerOrderFingerprint(offerId: string): string {
  return `${FINGERPRINT_VERSION}:acceptOffer:${offerId}`;
}

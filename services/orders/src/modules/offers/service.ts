import {
  ErrorCode,
  failWith,
  findPage,
  forbidden,
  isDuplicateKey,
  isObjectId,
  newEventId,
  newId,
  parseInput,
  requireViewer,
  type Connection,
  type OfferEvent,
} from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import { Types } from 'mongoose';
import type { MemberContext, OrdersContext } from '../../context.js';
import type { DeclineOfferInput, OfferIdInput, OfferStatus, QueryMyOffersArgs, SendOfferInput } from '../../generated/resolvers.js';
import { insertOrder, OFFER_KEY_PREFIX, readGig, type OrderDoc } from '../orders/index.js';
import type { OfferDoc, OfferModel } from './model.js';
import {
  AUTO_OFFER_KEY_PREFIX,
  declineOfferInput,
  effectiveStatus,
  EVENT_OF,
  expiresAtFrom,
  OFFER_KEY_REUSED_MESSAGE,
  offerDayOf,
  offerOrderFingerprint,
  OFFERS_NEWEST_FIRST,
  OFFERS_PER_DAY,
  offerStateMessage,
  PENDING_PER_PAIR,
  doneSlot,
  freeSlot,
  canSeeOffer,
  sendOfferFingerprint,
  sendOfferInput,
  statusFilter,
} from './rules.js';

/**
 * Custom offers. Every change of an offer is one conditional update on "still PENDING, not expired,
 * the version read" that also records the offer's event in its outbox (for the inbox), so of
 * concurrent changes one wins and the others get INVALID_STATE. Accepting places the order with the
 * orders module's insertOrder, the one way an order is made.
 */

export type OfferPage = Connection<OfferDoc>;

/** The package name of every order placed from an offer. */
export const CUSTOM_PACKAGE_NAME = 'Custom offer';

/** The offer if the viewer may see it (its seller, its buyer, an admin), else null. */
export async function findVisibleOffer(ctx: OrdersContext, id: string): Promise<OfferDoc | null> {
  if (!ctx.viewer || !isObjectId(id)) return null;
  const offer = await ctx.loaders.offerById.load(id.toLowerCase());
  return offer && canSeeOffer(ctx.viewer, offer) ? offer : null;
}

/** The viewer's offers in one role, newest first; `status` filters on the status a reader sees (effectiveStatus). */
export function myOffers(ctx: OrdersContext, args: QueryMyOffersArgs): Promise<OfferPage> {
  const viewer = requireViewer(ctx);
  const mine = args.role === 'BUYER' ? { buyerId: viewer.id } : { sellerId: viewer.id };
  const filter = args.status?.length ? { $and: [mine, statusFilter(args.status, ctx.clock())] } : mine;
  return findPage(ctx.models.Offer, { filter, sort: OFFERS_NEWEST_FIRST, first: args.first, after: args.after });
}

/** Order.offer: batched over a page of orders (one query for all of them). */
export async function offersByOrderId(Offer: OfferModel, orderIds: readonly string[]): Promise<Array<OfferDoc | null>> {
  const valid = [...new Set(orderIds.filter(isObjectId))].map((id) => new Types.ObjectId(id));
  const found = valid.length
    ? await Offer.find({ orderId: { $in: valid } })
        .lean<OfferDoc[]>()
        .exec()
    : [];
  const byOrder = new Map(found.map((offer) => [String(offer.orderId), offer]));
  return orderIds.map((id) => byOrder.get(id) ?? null);
}

/** The event a change records: the offer's absolute facts after it, numbered with its version after it. */
function offerEvent(offer: OfferDoc, at: Date): OfferEvent {
  const offerId = String(offer._id);
  return {
    id: newEventId(),
    type: EVENT_OF[offer.status],
    aggregateId: offerId,
    sequence: offer.version,
    occurredAt: at.toISOString(),
    data: {
      offerId,
      gigId: offer.gigId,
      sellerId: offer.sellerId,
      buyerId: offer.buyerId,
      status: offer.status,
      orderId: offer.orderId ? String(offer.orderId) : null,
    },
  };
}

function unavailable(what: string): GraphQLError {
  return new GraphQLError(`${what} cannot be reached right now; try again in a moment.`, {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });
}

// ---------------------------------------------------------------------------------------------
// sendOffer.

/** The offer a key already made, for the same request; INVALID on the key for another one. */
function replay(existing: OfferDoc, fingerprint: string): OfferDoc {
  if (existing.requestFingerprint !== fingerprint) failWith(['input', 'idempotencyKey'], OFFER_KEY_REUSED_MESSAGE, 'INVALID');
  return existing;
}

/** Takes one of the seller's places of the day, or LIMIT_REACHED: an increment that matches only below the limit (an upsert at it hits the unique _id). */
async function reserveDayPlace(ctx: OrdersContext, sellerId: string, at: Date): Promise<string> {
  const { _id, day } = offerDayOf(sellerId, at);
  try {
    await ctx.models.OfferDay.updateOne(
      { _id, count: { $lt: OFFERS_PER_DAY } },
      { $inc: { count: 1 }, $setOnInsert: { sellerId, day } },
      { upsert: true },
    ).exec();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    failWith(null, `You can send at most ${OFFERS_PER_DAY} offers a day; try again tomorrow (UTC).`, 'LIMIT_REACHED');
  }
  return _id;
}

async function releaseDayPlace(ctx: OrdersContext, dayId: string): Promise<void> {
  await ctx.models.OfferDay.updateOne({ _id: dayId, count: { $gt: 0 } }, { $inc: { count: -1 } }).exec();
}

/**
 * The seller of an ACTIVE gig sends their terms to a member who has written to them (asked of the
 * inbox), within the limits. The offer and its `offer.sent` event are one insert; the inbox adds the
 * message carrying it when the event arrives. With an idempotency key, a repeat returns the first offer.
 */
export async function sendOffer(ctx: MemberContext, input: SendOfferInput): Promise<OfferDoc> {
  const { viewer, models } = ctx;
  const fields = parseInput(sendOfferInput, input);
  const fingerprint = sendOfferFingerprint(fields);
  if (fields.idempotencyKey !== null) {
    const existing = await models.Offer.findOne({ sellerId: viewer.id, idempotencyKey: fields.idempotencyKey }).lean<OfferDoc>().exec();
    if (existing) return replay(existing, fingerprint);
  }

  const noSuchGig = (): never => failWith(['input', 'gigId'], 'No such gig.', 'NOT_FOUND');
  if (!isObjectId(fields.gigId)) return noSuchGig();
  const gig = await readGig(ctx, fields.gigId.toLowerCase());
  if (!gig) return noSuchGig();
  if (gig.sellerId !== viewer.id) {
    // Another seller's drafts and archived gigs stay unknown; their public gigs are simply not the viewer's.
    if (gig.status === 'DRAFT' || gig.status === 'ARCHIVED') return noSuchGig();
    failWith(['input', 'gigId'], 'You can send offers only for your own gigs.', 'INVALID');
  }
  if (gig.status !== 'ACTIVE')
    failWith(['input', 'gigId'], 'Only an active gig can have offers: publish or resume it first.', 'INVALID_STATE');

  if (!isObjectId(fields.buyerId)) failWith(['input', 'buyerId'], 'There is no such member.', 'NOT_FOUND');
  const buyerId = fields.buyerId.toLowerCase();
  if (buyerId === viewer.id) failWith(['input', 'buyerId'], 'You cannot send an offer to yourself.', 'INVALID');
  const written = await ctx.hasWritten({ sellerId: viewer.id, buyerId }, ctx.requestId).catch(() => {
    throw unavailable('The inbox');
  });
  if (written.blocked) failWith(['input', 'buyerId'], 'Your conversation with this member is blocked.', 'INVALID_STATE');
  if (!written.hasWritten) {
    failWith(['input', 'buyerId'], 'You can send an offer only to a member who has written to you.', 'INVALID_STATE');
  }

  const now = ctx.clock();
  const pair = { sellerId: viewer.id, buyerId };
  const limitReached = (): never =>
    failWith(null, `At most ${PENDING_PER_PAIR} of your offers to one member can be pending: withdraw one first.`, 'LIMIT_REACHED');
  const dayId = await reserveDayPlace(ctx, viewer.id, now);

  const id = newId();
  const offer: OfferDoc = {
    _id: id,
    sellerId: viewer.id,
    buyerId,
    gigId: gig.id,
    gigTitle: gig.title,
    description: fields.description,
    priceCents: fields.priceCents,
    deliveryDays: fields.deliveryDays,
    revisions: fields.revisions,
    skipRequirements: fields.skipRequirements,
    status: 'PENDING',
    declineReason: null,
    expiresAt: expiresAtFrom(now, fields.expiresInDays),
    orderId: null,
    acceptedGigTitle: null,
    acceptedQuestions: [],
    acceptedAt: null,
    idempotencyKey: fields.idempotencyKey ?? `${AUTO_OFFER_KEY_PREFIX}${id.toHexString()}`,
    requestFingerprint: fingerprint,
    pendingSlot: '',
    version: 0,
    createdAt: now,
    updatedAt: now,
    outbox: [],
    outboxCount: 1,
    relayLease: null,
    relayFailures: 0,
  };
  offer.outbox = [offerEvent(offer, now)];
  // The pair's limit: the offer takes a free one of its 10 slots in its insert (a unique index),
  // so of concurrent sends only as many as there are free slots succeed. Offers past their expiry
  // that the job has not written yet are expired here first, freeing theirs.
  try {
    for (let attempt = 0; ; attempt += 1) {
      const pending = await models.Offer.find({ ...pair, status: 'PENDING' })
        .lean<OfferDoc[]>()
        .exec();
      const lapsed = pending.filter((p) => p.expiresAt <= now);
      if (pending.length - lapsed.length >= PENDING_PER_PAIR) limitReached();
      const slot = freeSlot(new Set(pending.map((p) => p.pendingSlot)));
      if (slot === null) {
        for (const p of lapsed) await expireOffer(ctx, p);
        continue;
      }
      try {
        await models.Offer.create({ ...offer, pendingSlot: slot });
        offer.pendingSlot = slot;
        break;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (fields.idempotencyKey !== null) {
          // The same key won a race: its offer is the answer (to the same request).
          const winner = await models.Offer.findOne({ sellerId: viewer.id, idempotencyKey: fields.idempotencyKey }).lean<OfferDoc>().exec();
          if (winner) {
            await releaseDayPlace(ctx, dayId);
            return replay(winner, fingerprint);
          }
        }
        // Another send of this pair took the slot at the same moment: look again.
        if (attempt >= PENDING_PER_PAIR * 2) throw error;
      }
    }
  } catch (error) {
    if (offer.pendingSlot === '') await releaseDayPlace(ctx, dayId);
    throw error;
  }
  models.outboxSignal.notify(viewer.id);
  return offer;
}

// ---------------------------------------------------------------------------------------------
// Changes of a PENDING offer.

/**
 * Moves a PENDING offer to `to` with its event in the same write: matches only while it is still
 * PENDING at the version read, and (but for EXPIRED) not yet expired. Null when it lost the race.
 */
async function leavePending(
  ctx: OrdersContext,
  offer: OfferDoc,
  to: Exclude<OfferStatus, 'PENDING'>,
  now: Date,
  set: Partial<OfferDoc> = {},
): Promise<OfferDoc | null> {
  const after: OfferDoc = { ...offer, ...set, status: to, version: offer.version + 1, updatedAt: now };
  const updated = await ctx.models.Offer.findOneAndUpdate(
    {
      _id: offer._id,
      status: 'PENDING',
      version: offer.version,
      expiresAt: to === 'EXPIRED' ? { $lte: now } : { $gt: now },
    },
    {
      // Leaving PENDING frees the pair's slot it held (model.ts), in this same write.
      $set: { ...set, status: to, updatedAt: now, pendingSlot: doneSlot(String(offer._id)) },
      $inc: { version: 1, outboxCount: 1 },
      $push: { outbox: offerEvent(after, now) },
    },
    { returnDocument: 'after' },
  )
    .lean<OfferDoc>()
    .exec();
  if (updated) {
    ctx.models.outboxSignal.notify(updated.sellerId);
    const id = String(updated._id);
    ctx.loaders.offerById.clear(id).prime(id, updated);
  }
  return updated;
}

/**
 * The offer a mutation names, if the member may see it; else NOT_FOUND, word for word the answer for
 * an id that does not exist (another pair's offer is, to them, not there).
 */
async function loadOffer(ctx: MemberContext, offerId: string): Promise<OfferDoc> {
  const offer = isObjectId(offerId) ? await ctx.models.Offer.findById(offerId.toLowerCase()).lean<OfferDoc>().exec() : null;
  if (!offer || !canSeeOffer(ctx.viewer, offer)) return failWith(['input', 'offerId'], 'No such offer.', 'NOT_FOUND');
  return offer;
}

function invalidState(status: OfferStatus): never {
  return failWith(null, offerStateMessage(status), 'INVALID_STATE');
}

/** After a conditional update matched nothing: says what the offer is now. */
async function lostRace(ctx: OrdersContext, offer: OfferDoc, now: Date): Promise<never> {
  const current = await ctx.models.Offer.findById(offer._id).lean<OfferDoc>().exec();
  return invalidState(effectiveStatus(current ?? offer, now));
}

/** A PENDING offer of the viewer's in `role`, or FORBIDDEN (the other party, an admin) / INVALID_STATE. */
async function pendingOfferOf(ctx: MemberContext, offerId: string, role: 'sellerId' | 'buyerId'): Promise<{ offer: OfferDoc; now: Date }> {
  const offer = await loadOffer(ctx, offerId);
  if (offer[role] !== ctx.viewer.id) throw forbidden();
  const now = ctx.clock();
  const status = effectiveStatus(offer, now);
  if (status !== 'PENDING') invalidState(status);
  return { offer, now };
}

export async function withdrawOffer(ctx: MemberContext, input: OfferIdInput): Promise<OfferDoc> {
  const { offer, now } = await pendingOfferOf(ctx, input.offerId, 'sellerId');
  return (await leavePending(ctx, offer, 'WITHDRAWN', now)) ?? lostRace(ctx, offer, now);
}

export async function declineOffer(ctx: MemberContext, input: DeclineOfferInput): Promise<OfferDoc> {
  const { offer, now } = await pendingOfferOf(ctx, input.offerId, 'buyerId');
  const { reason } = parseInput(declineOfferInput, input);
  return (await leavePending(ctx, offer, 'DECLINED', now, { declineReason: reason })) ?? lostRace(ctx, offer, now);
}

export interface AcceptedOffer {
  offer: OfferDoc;
  order: OrderDoc;
}

/**
 * The buyer accepts: while PENDING, not expired, and the gig ACTIVE. One conditional update claims
 * the offer and fixes the order's id and terms in it; the order is then stored by insertOrder under
 * that id and the key `offer:<offer id>`. Whoever finds the offer ACCEPTED (a retry, a concurrent
 * accept, a caller after a crash between the two writes) stores or finds the very same order, so
 * any number of accepts make one order.
 */
export async function acceptOffer(ctx: MemberContext, input: OfferIdInput): Promise<AcceptedOffer> {
  const offer = await loadOffer(ctx, input.offerId);
  if (offer.buyerId !== ctx.viewer.id) throw forbidden();
  if (offer.status === 'ACCEPTED') return placeOrderOf(ctx, offer);
  const now = ctx.clock();
  const status = effectiveStatus(offer, now);
  if (status !== 'PENDING') invalidState(status);

  const gig = await readGig(ctx, offer.gigId);
  if (!gig || gig.status !== 'ACTIVE' || gig.sellerId !== offer.sellerId) {
    failWith(null, 'The gig of this offer is not taking orders right now.', 'INVALID_STATE');
  }
  const claimed = await leavePending(ctx, offer, 'ACCEPTED', now, {
    orderId: newId(),
    acceptedAt: now,
    acceptedGigTitle: gig.title,
    acceptedQuestions: offer.skipRequirements
      ? []
      : gig.requirements.map((r) => ({ id: r.id, question: r.question, required: r.required })),
  });
  if (claimed) return placeOrderOf(ctx, claimed);
  const current = await ctx.models.Offer.findById(offer._id).lean<OfferDoc>().exec();
  if (current?.status === 'ACCEPTED') return placeOrderOf(ctx, current);
  return invalidState(effectiveStatus(current ?? offer, now));
}

/** The order of an ACCEPTED offer: the stored one, or stored now from the terms the claim fixed. */
async function placeOrderOf(ctx: OrdersContext, offer: OfferDoc): Promise<AcceptedOffer> {
  if (!offer.orderId) throw new Error(`accepted offer ${String(offer._id)} has no order id`);
  const existing = await ctx.models.Order.findById(offer.orderId).lean<OrderDoc>().exec();
  if (existing) return { offer, order: existing };
  const offerId = String(offer._id);
  const order = await insertOrder(ctx, {
    id: offer.orderId,
    buyerId: offer.buyerId,
    gigId: offer.gigId,
    sellerId: offer.sellerId,
    package: {
      tier: 'CUSTOM',
      name: CUSTOM_PACKAGE_NAME,
      priceCents: offer.priceCents,
      deliveryDays: offer.deliveryDays,
      revisions: offer.revisions,
      gigTitle: offer.acceptedGigTitle ?? offer.gigTitle,
    },
    requirementQuestions: offer.acceptedQuestions,
    idempotencyKey: `${OFFER_KEY_PREFIX}${offerId}`,
    fingerprint: offerOrderFingerprint(offerId),
  });
  return { offer, order };
}

// ---------------------------------------------------------------------------------------------
// Expiry (the job in expiry.ts runs these with a context of its own).

export type DueOffer = OfferDoc;

/** PENDING offers past their expiry at the context's time, by id after `after`. */
export function offersDueForExpiry(ctx: OrdersContext, after: Types.ObjectId | null, limit: number): Promise<DueOffer[]> {
  return ctx.models.Offer.find({ status: 'PENDING', expiresAt: { $lte: ctx.clock() }, ...(after ? { _id: { $gt: after } } : {}) })
    .sort({ _id: 1 })
    .limit(limit)
    .lean<DueOffer[]>()
    .exec();
}

/** Writes EXPIRED on a PENDING offer past its expiry; null when someone changed it first. */
export function expireOffer(ctx: OrdersContext, offer: DueOffer): Promise<OfferDoc | null> {
  return leavePending(ctx, offer, 'EXPIRED', ctx.clock());
}

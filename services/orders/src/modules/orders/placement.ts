import { ErrorCode, failWith, isDuplicateKey, isObjectId, newId, parseInput, UserErrorsException, type GigSnapshot } from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import type { MemberContext, OrdersContext } from '../../context.js';
import type { OrderStatus, PlaceOrderInput } from '../../generated/resolvers.js';
import { orderFactEvent } from '../outbox/index.js';
import { chargeOf, pickExtras, quoteOrder, totalsOf, type OrderedExtraDoc } from './charges.js';
import type { Types } from 'mongoose';
import type { z } from 'zod';
import type { OrderDoc, OrderedPackageDoc, OrderEventDoc, RequirementQuestionDoc } from './model.js';
import { newOrderNumber } from './number.js';
import { AUTO_KEY_PREFIX, dueAtFrom, fingerprintOfOrder, KEY_REUSED_MESSAGE, placementFingerprint, placeOrderInput } from './rules.js';

const NUMBER_ATTEMPTS = 5;

/**
 * The gigs service did not answer: not the buyer's input nor a rule, so a thrown error, with the
 * public SERVICE_UNAVAILABLE code of shared/src/errors.ts (which has no constructor for it yet).
 */
function catalogueUnavailable(): GraphQLError {
  return new GraphQLError('The catalogue cannot be reached right now; try again in a moment.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });
}

/** The gig as it is now, from the gigs service; SERVICE_UNAVAILABLE (thrown) when it does not answer. */
export async function readGig(ctx: OrdersContext, gigId: string): Promise<GigSnapshot | null> {
  try {
    const [gig] = await ctx.lookupGigs([gigId], ctx.requestId);
    return gig ?? null;
  } catch {
    throw catalogueUnavailable();
  }
}

/**
 * The order a key already made: the answer to the same request again, or, when the key comes back
 * with a different request, INVALID on the key (as payment APIs do): one key, one request.
 */
function replay(existing: OrderDoc, fingerprint: string): OrderDoc {
  if (fingerprintOfOrder(existing) !== fingerprint) failWith(['input', 'idempotencyKey'], KEY_REUSED_MESSAGE, 'INVALID');
  return existing;
}

/**
 * Buys one package of an ACTIVE gig at its price right now, storing a snapshot of what was bought
 * and the fingerprint of the request (insertOrder). A repeated placement returns the first order
 * to the same request (same fingerprint); a different one reusing the key is refused.
 *
 * The key is not looked up first: the (buyer, key) unique index decides (insertOrder), so a new
 * order, the usual case, costs no read for it. A repeated request whose draft can no longer be
 * made (the gig paused or gone since, an extra withdrawn, the catalogue out of reach) looks for
 * its first order before answering with that refusal, so a retry still gets its order.
 */
export async function placeOrder(ctx: MemberContext, input: PlaceOrderInput): Promise<OrderDoc> {
  const request = parseInput(placeOrderInput, input);
  const { gigId, tier, extras, idempotencyKey: clientKey } = request;
  const fingerprint = placementFingerprint({ gigId, tier, extras });
  let draft: OrderDraft;
  try {
    draft = await draftOrder(ctx, request, fingerprint);
  } catch (refusal) {
    const existing = clientKey === null ? null : await orderByKey(ctx, ctx.viewer.id, clientKey);
    if (existing) return replay(existing, fingerprint);
    throw refusal;
  }
  return insertOrder(ctx, draft);
}

/** The order a buyer's key made, if any. */
const orderByKey = (ctx: OrdersContext, buyerId: string, key: string) =>
  ctx.models.Order.findOne({ buyerId, idempotencyKey: key }).lean<OrderDoc>().exec();

/** What placeOrder would store: the gig as it is now, checked (a refusal is thrown as userErrors). */
async function draftOrder(ctx: MemberContext, request: z.output<typeof placeOrderInput>, fingerprint: string): Promise<OrderDraft> {
  const { gigId, tier, extras: wanted, idempotencyKey: clientKey } = request;
  const { viewer } = ctx;
  if (!isObjectId(gigId)) failWith(['input', 'gigId'], 'No such gig.', 'NOT_FOUND');
  const gig = await readGig(ctx, gigId);
  if (!gig || gig.status === 'DRAFT' || gig.status === 'ARCHIVED') failWith(['input', 'gigId'], 'No such gig.', 'NOT_FOUND');
  if (gig.status !== 'ACTIVE') failWith(['input', 'gigId'], 'This gig is not taking orders right now.', 'INVALID_STATE');
  if (gig.sellerId === viewer.id) failWith(['input', 'gigId'], 'You cannot order your own gig.', 'INVALID');
  const pkg = gig.packages.find((p) => p.tier === tier);
  if (!pkg) failWith(['input', 'tier'], `This gig has no ${tier} package.`, 'NOT_FOUND');
  const { extras, problems } = pickExtras(gig.extras ?? [], wanted, ctx.clock(), ['input', 'extras']);
  if (problems.length) throw new UserErrorsException(problems);

  const id = newId();
  return {
    id,
    buyerId: viewer.id,
    gigId: gig.id,
    sellerId: gig.sellerId,
    package: {
      tier: pkg.tier,
      name: pkg.name,
      priceCents: pkg.priceCents,
      deliveryDays: pkg.deliveryDays,
      revisions: pkg.revisions,
      gigTitle: gig.title,
    },
    requirementQuestions: gig.requirements.map((r) => ({ id: r.id, question: r.question, required: r.required })),
    extras,
    idempotencyKey: clientKey ?? `${AUTO_KEY_PREFIX}${id.toHexString()}`,
    fingerprint,
  };
}

/** An order about to be placed: what is bought, by whom, under which key (placeOrder, and acceptOffer of the offers module). */
export interface OrderDraft {
  /** Fixed by the caller, so that callers racing to store the same order converge on one. */
  id: Types.ObjectId;
  buyerId: string;
  gigId: string;
  sellerId: string;
  package: OrderedPackageDoc;
  /** The gig's questions; none: the order starts at once (IN_PROGRESS). */
  requirementQuestions: RequirementQuestionDoc[];
  /** Extras of the gig bought with the package, part of the ORDER charge (none for an offer). */
  extras?: OrderedExtraDoc[];
  /** The buyer's key, or one the service makes (`auto:<id>`, `offer:<offer id>`). */
  idempotencyKey: string;
  /** Of the request that places it: the same key with another fingerprint is refused. */
  fingerprint: string;
}

/**
 * Stores a new order, priced as one ORDER charge (the package and its extras; charges.ts), with its PLACED (and STARTED, when it asks no
 * requirements) events and its first outbox event in one insert. The (buyer, idempotencyKey) unique
 * index makes a repeated placement return the first order, also when both requests race: the
 * loser's insert fails with a duplicate key and it reads the winner's, returned only to the same
 * request (same fingerprint). A collision of order numbers draws another.
 */
export async function insertOrder(ctx: OrdersContext, draft: OrderDraft): Promise<OrderDoc> {
  const { Order } = ctx.models;
  const now = ctx.clock();
  // One ORDER charge: the package with its extras, its fee by the one fee function (charges.ts).
  const extras = draft.extras ?? [];
  const quote = quoteOrder(draft.package, extras);
  const charges = [chargeOf('ORDER', quote.subtotalCents, now)];
  const amounts = totalsOf(charges, 0, false);
  const startsAtOnce = draft.requirementQuestions.length === 0;
  const events: OrderEventDoc[] = [{ type: 'PLACED', actorId: draft.buyerId, at: now, note: null }];
  if (startsAtOnce) events.push({ type: 'STARTED', actorId: null, at: now, note: null });
  const status: OrderStatus = startsAtOnce ? 'IN_PROGRESS' : 'AWAITING_REQUIREMENTS';
  // The order and its first outbox event are one insert.
  const base = {
    _id: draft.id,
    buyerId: draft.buyerId,
    sellerId: draft.sellerId,
    gigId: draft.gigId,
    idempotencyKey: draft.idempotencyKey,
    requestFingerprint: draft.fingerprint,
    package: draft.package,
    requirementQuestions: draft.requirementQuestions,
    requirements: [],
    status,
    subtotalCents: amounts.subtotalCents,
    serviceFeeCents: amounts.serviceFeeCents,
    totalCents: amounts.totalCents,
    sellerEarningsCents: amounts.sellerEarningsCents,
    charges,
    extras,
    refundedCents: 0,
    refundedSubtotalCents: 0,
    startedAt: startsAtOnce ? now : null,
    dueAt: startsAtOnce ? dueAtFrom(now, quote.deliveryDays) : null,
    events,
    createdAt: now,
    updatedAt: now,
    version: 0,
    outboxCount: 1,
  };

  for (let attempt = 1; ; attempt += 1) {
    try {
      const number = newOrderNumber();
      const placed = orderFactEvent('order.placed', { ...base, number }, { version: 0, status }, now, {
        actorId: draft.buyerId,
        kinds: events.map((e) => e.type),
      });
      const created = await Order.create({ ...base, number, outbox: [placed] });
      ctx.models.outboxSignal.notify(created.sellerId);
      return created.toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Either the same key won a race (return its order) or the number collided (draw again).
      const winner = await orderByKey(ctx, draft.buyerId, draft.idempotencyKey);
      if (winner) return replay(winner, draft.fingerprint);
      if (attempt >= NUMBER_ATTEMPTS) throw error;
    }
  }
}

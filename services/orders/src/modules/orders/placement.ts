import { ErrorCode, failWith, isDuplicateKey, isObjectId, newId, parseInput, type GigSnapshot } from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import type { MemberContext, OrdersContext } from '../../context.js';
import type { OrderStatus, PlaceOrderInput } from '../../generated/resolvers.js';
import { orderFactEvent } from '../outbox/index.js';
import { priceOrder } from './fees.js';
import type { OrderDoc, OrderEventDoc } from './model.js';
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

async function readGig(ctx: OrdersContext, gigId: string): Promise<GigSnapshot | null> {
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
 * and the fingerprint of the request. The (buyer, idempotencyKey) unique index makes a repeated
 * placement return the first order, also when both requests race: the loser's insert fails with a
 * duplicate key and it reads the winner's. Either way the first order is returned only to the same
 * request (same fingerprint); a different one reusing the key is refused.
 */
export async function placeOrder(ctx: MemberContext, input: PlaceOrderInput): Promise<OrderDoc> {
  const { viewer, models } = ctx;
  const { Order } = models;
  const { gigId, tier, idempotencyKey: clientKey } = parseInput(placeOrderInput, input);
  const fingerprint = placementFingerprint({ gigId, tier });
  if (clientKey !== null) {
    const existing = await Order.findOne({ buyerId: viewer.id, idempotencyKey: clientKey }).lean<OrderDoc>().exec();
    if (existing) return replay(existing, fingerprint);
  }

  if (!isObjectId(gigId)) failWith(['input', 'gigId'], 'No such gig.', 'NOT_FOUND');
  const gig = await readGig(ctx, gigId);
  if (!gig || gig.status === 'DRAFT' || gig.status === 'ARCHIVED') failWith(['input', 'gigId'], 'No such gig.', 'NOT_FOUND');
  if (gig.status !== 'ACTIVE') failWith(['input', 'gigId'], 'This gig is not taking orders right now.', 'INVALID_STATE');
  if (gig.sellerId === viewer.id) failWith(['input', 'gigId'], 'You cannot order your own gig.', 'INVALID');
  const pkg = gig.packages.find((p) => p.tier === tier);
  if (!pkg) failWith(['input', 'tier'], `This gig has no ${tier} package.`, 'NOT_FOUND');

  const now = ctx.clock();
  const amounts = priceOrder(pkg.priceCents);
  const startsAtOnce = gig.requirements.length === 0;
  const events: OrderEventDoc[] = [{ type: 'PLACED', actorId: viewer.id, at: now, note: null }];
  if (startsAtOnce) events.push({ type: 'STARTED', actorId: null, at: now, note: null });
  const id = newId();
  const status: OrderStatus = startsAtOnce ? 'IN_PROGRESS' : 'AWAITING_REQUIREMENTS';
  // The order and its first outbox event are one insert.
  const base = {
    _id: id,
    buyerId: viewer.id,
    sellerId: gig.sellerId,
    gigId: gig.id,
    idempotencyKey: clientKey ?? `${AUTO_KEY_PREFIX}${id.toHexString()}`,
    requestFingerprint: fingerprint,
    package: {
      tier: pkg.tier,
      name: pkg.name,
      priceCents: pkg.priceCents,
      deliveryDays: pkg.deliveryDays,
      revisions: pkg.revisions,
      gigTitle: gig.title,
    },
    requirementQuestions: gig.requirements.map((r) => ({ id: r.id, question: r.question, required: r.required })),
    requirements: [],
    status,
    subtotalCents: amounts.subtotalCents,
    serviceFeeCents: amounts.serviceFeeCents,
    totalCents: amounts.totalCents,
    sellerEarningsCents: amounts.sellerEarningsCents,
    startedAt: startsAtOnce ? now : null,
    dueAt: startsAtOnce ? dueAtFrom(now, pkg.deliveryDays) : null,
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
        actorId: viewer.id,
        kinds: events.map((e) => e.type),
      });
      const created = await Order.create({ ...base, number, outbox: [placed] });
      models.outboxSignal.notify(created.sellerId);
      return created.toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Either the same key won a race (return its order) or the number collided (draw again).
      if (clientKey !== null) {
        const winner = await Order.findOne({ buyerId: viewer.id, idempotencyKey: clientKey }).lean<OrderDoc>().exec();
        if (winner) return replay(winner, fingerprint);
      }
      if (attempt >= NUMBER_ATTEMPTS) throw error;
    }
  }
}

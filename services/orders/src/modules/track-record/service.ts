import type { OrdersContext } from '../../context.js';
import type { RatingSummary, SellerLevel, SellerStats } from '../../generated/resolvers.js';
import { averageOf, onTimeRate, ratingSummary, sellerLevel, type GigOrderCounts } from './rules.js';

/**
 * A member as this subgraph sees them: the id, and `sellerProfile.sellerSince` from the users
 * subgraph when the gateway was asked for sellerStats (@requires). A DateTime in a representation
 * arrives as its string.
 */
export interface UserRef {
  __typename?: 'User';
  id: string;
  sellerProfile?: { sellerSince?: Date | string | null } | null;
}

/** A gig as this subgraph sees it: the id (the gigs subgraph has the rest). */
export interface GigRef {
  __typename?: 'Gig';
  id: string;
}

/** The reference to a member that other subgraphs resolve. */
export const userRef = (id: string): UserRef => ({ __typename: 'User', id });

export const gigRef = (id: string): GigRef => ({ __typename: 'Gig', id });

/** Public: the track record is what buyers judge a seller by. */
export async function sellerStats(ctx: OrdersContext, user: UserRef): Promise<SellerStats> {
  const [totals, rating] = await Promise.all([ctx.loaders.sellerOrderTotals.load(user.id), ctx.loaders.sellerRating.load(user.id)]);
  const since = user.sellerProfile?.sellerSince;
  const onTime = onTimeRate(totals);
  return {
    level: sellerLevel(
      {
        completedOrders: totals.completed,
        earnedCents: totals.earnedCents,
        sellerSince: since ? new Date(since) : null,
        averageRating: averageOf(rating),
        onTimeDeliveryRate: onTime,
      },
      ctx.clock(),
    ),
    completedOrders: totals.completed,
    activeOrders: totals.active,
    rating: ratingSummary(rating),
    onTimeDeliveryRate: onTime,
  };
}

/**
 * The seller's level now, for the money rules (a TOP_RATED seller's earnings clear in 7 days):
 * sellerSince from the users service; NEW when it cannot be asked (the slower clearance).
 */
export async function sellerLevelNow(ctx: OrdersContext, sellerId: string): Promise<SellerLevel> {
  const [totals, rating, member] = await Promise.all([
    ctx.loaders.sellerOrderTotals.load(sellerId),
    ctx.loaders.sellerRating.load(sellerId),
    ctx.members.get(sellerId).catch((error: unknown) => {
      ctx.logger.warn({ err: error, sellerId }, 'member directory unavailable; seller level taken as NEW');
      return null;
    }),
  ]);
  if (!member?.sellerSince) return 'NEW';
  return sellerLevel(
    {
      completedOrders: totals.completed,
      earnedCents: totals.earnedCents,
      sellerSince: new Date(member.sellerSince),
      averageRating: averageOf(rating),
      onTimeDeliveryRate: onTimeRate(totals),
    },
    ctx.clock(),
  );
}

/** Public figures of any gig the gigs subgraph chose to show. */
export async function gigRating(ctx: OrdersContext, gigId: string): Promise<RatingSummary> {
  return ratingSummary(await ctx.loaders.gigRating.load(gigId));
}

export function gigOrderCounts(ctx: OrdersContext, gigId: string): Promise<GigOrderCounts> {
  return ctx.loaders.gigOrderCounts.load(gigId);
}

import { money } from '@gigmart/shared';
import type { OrdersContext } from '../../context.js';
import type { RatingSummary, SellerEarnings, SellerStats } from '../../generated/resolvers.js';
import { averageOf, onTimeRate, ratingSummary, sellerLevel, type GigOrderCounts } from './rules.js';
import { earningsOf } from './stats.js';

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

/** The member's own money: null for everyone else. */
export async function sellerEarnings(ctx: OrdersContext, user: UserRef): Promise<SellerEarnings | null> {
  if (!ctx.viewer || ctx.viewer.id !== user.id) return null;
  const totals = await earningsOf(ctx.models.Order, user.id, ctx.clock());
  return {
    pendingClearance: money(totals.pendingClearanceCents),
    cleared: money(totals.clearedCents),
    lifetime: money(totals.lifetimeCents),
  };
}

/** Public figures of any gig the gigs subgraph chose to show. */
export async function gigRating(ctx: OrdersContext, gigId: string): Promise<RatingSummary> {
  return ratingSummary(await ctx.loaders.gigRating.load(gigId));
}

export function gigOrderCounts(ctx: OrdersContext, gigId: string): Promise<GigOrderCounts> {
  return ctx.loaders.gigOrderCounts.load(gigId);
}

import { failWith, findPage, forbidden, isDuplicateKey, isObjectId, parseInput, type Connection, type SortSpec } from '@gigmart/shared';
import type { MemberContext, OrdersContext } from '../../context.js';
import type { GigReviewsArgs, LeaveReviewInput, RespondToReviewInput, UserReviewsReceivedArgs } from '../../generated/resolvers.js';
import { applyTransition, canSeeOrder, loadOrder, type OrderDoc } from '../orders/index.js';
import type { ReviewDoc } from './model.js';
import { leaveReviewInput, respondToReviewInput } from './rules.js';

export type ReviewPage = Connection<ReviewDoc>;

export const REVIEWS_NEWEST_FIRST: SortSpec = { name: 'reviews:newest', keys: [{ field: 'createdAt', direction: -1 }] };

/** Reviews are public. */
export function findReview(ctx: OrdersContext, id: string): Promise<ReviewDoc | null> {
  return ctx.loaders.reviewById.load(id);
}

/**
 * The review is public, its order is not: only the order's buyer, seller and admins may follow
 * this link; anyone else gets FORBIDDEN (the contract makes the field non-null).
 */
export async function orderOfReview(ctx: OrdersContext, review: ReviewDoc): Promise<OrderDoc> {
  const order = await ctx.loaders.orderById.load(String(review.orderId));
  if (!order || !canSeeOrder(ctx.viewer, order)) throw forbidden("Only the order's buyer, its seller and admins can see the order.");
  return order;
}

/** A gig's reviews, newest first. */
export function reviewsOfGig(ctx: OrdersContext, gigId: string, page: GigReviewsArgs): Promise<ReviewPage> {
  return findPage(ctx.models.Review, { filter: { gigId }, sort: REVIEWS_NEWEST_FIRST, first: page.first, after: page.after });
}

/** Reviews of a member's orders as a seller, newest first. */
export function reviewsOfSeller(ctx: OrdersContext, sellerId: string, page: UserReviewsReceivedArgs): Promise<ReviewPage> {
  return findPage(ctx.models.Review, { filter: { sellerId }, sort: REVIEWS_NEWEST_FIRST, first: page.first, after: page.after });
}

/**
 * The buyer reviews a COMPLETED order, once: the unique index on orderId decides when two attempts
 * race. The order then records a REVIEWED event (a conditional update that keeps it COMPLETED) and,
 * in the same write, the `review.left` fact with the rating for the gigs service. Should the process
 * die between the two writes, the review exists without its event: `npm run reconcile -w
 * services/gigs` repairs that from the reviews themselves.
 */
/**
 * How old a review without its order's REVIEWED event must be to count as cut off (its request
 * stopped between the two writes) rather than still being written: above the longest a request
 * works (REQUEST_DEADLINE_MS, 8 s by default).
 */
export const CUT_OFF_REVIEW_AGE_MS = 15_000;

export async function leaveReview(ctx: MemberContext, input: LeaveReviewInput): Promise<ReviewDoc> {
  const { viewer, models } = ctx;
  const order = await loadOrder(ctx, input.orderId);
  if (viewer.id !== order.buyerId) throw forbidden();
  if (order.status !== 'COMPLETED') failWith(null, 'Only a completed order can be reviewed.', 'INVALID_STATE');
  const { rating, communication, serviceAsDescribed, recommend, comment } = parseInput(leaveReviewInput, input);
  const now = ctx.clock();
  let review: ReviewDoc;
  try {
    const created = await models.Review.create({
      orderId: order._id,
      gigId: order.gigId,
      authorId: viewer.id,
      sellerId: order.sellerId,
      rating,
      communication,
      serviceAsDescribed,
      recommend,
      comment,
      createdAt: now,
    });
    review = created.toObject();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The review exists. If its order has no REVIEWED event, the request that wrote it stopped
    // between its two writes (a process killed in between): this retry of the buyer finishes it,
    // so the event, the seller's notification and the gig's rating are not lost.
    // A review younger than that is another request's, still at work (racing requests: one review).
    const existing = order.events.some((e) => e.type === 'REVIEWED')
      ? null
      : await models.Review.findOne({ orderId: order._id, authorId: viewer.id }).lean<ReviewDoc>().exec();
    if (!existing || now.getTime() - existing.createdAt.getTime() < CUT_OFF_REVIEW_AGE_MS) {
      failWith(null, 'This order already has a review.', 'INVALID_STATE');
    }
    review = existing;
  }
  // Nothing else writes a COMPLETED order, so the order read above is still current (a retry
  // finishing a cut-off review races nobody: its own request is long gone).
  await applyTransition(models, {
    orderId: order._id,
    version: order.version,
    from: 'COMPLETED',
    to: 'COMPLETED',
    at: now,
    events: [{ type: 'REVIEWED', actorId: viewer.id }],
    order,
    fact: { type: 'review.left', rating: review.rating },
  });
  return review;
}

/** The reviewed seller answers once: a conditional update on "no response yet". */
export async function respondToReview(ctx: MemberContext, input: RespondToReviewInput): Promise<ReviewDoc> {
  const review = isObjectId(input.reviewId) ? await ctx.models.Review.findById(input.reviewId).lean<ReviewDoc>().exec() : null;
  if (!review) failWith(['input', 'reviewId'], 'No such review.', 'NOT_FOUND');
  if (ctx.viewer.id !== review.sellerId) throw forbidden();
  const { response } = parseInput(respondToReviewInput, input);
  // One response per review, also when two arrive at once: the conditional update has one winner.
  const updated = await ctx.models.Review.findOneAndUpdate(
    { _id: review._id, sellerResponse: null },
    { $set: { sellerResponse: response, respondedAt: ctx.clock() } },
    { returnDocument: 'after' },
  )
    .lean<ReviewDoc>()
    .exec();
  if (!updated) failWith(null, 'This review already has your response.', 'INVALID_STATE');
  return updated;
}

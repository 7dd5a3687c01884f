import { failWith, forbidden, isDuplicateKey, isObjectId, parseInput, type Viewer } from '@gigmart/shared';
import type { OrdersDeps, OrdersModels } from '../../context.js';
import { applyTransition } from '../orders/apply.js';
import { loadOrder } from '../orders/service.js';
import type { ReviewDoc } from './model.js';
import { leaveReviewInput, respondToReviewInput } from './rules.js';

export interface LeaveReviewInput {
  orderId: string;
  rating: number;
  communication?: number | null;
  serviceAsDescribed?: number | null;
  recommend?: number | null;
  comment: string;
}

/**
 * The buyer reviews a COMPLETED order, once: the unique index on orderId decides when two attempts
 * race. The order then records a REVIEWED event (a conditional update that keeps it COMPLETED) and,
 * in the same write, the `review.left` fact with the rating for the gigs service. Should the process
 * die between the two writes, the review exists without its event: `npm run reconcile -w
 * services/gigs` repairs that from the reviews themselves.
 */
export async function leaveReview(models: OrdersModels, deps: OrdersDeps, viewer: Viewer, input: LeaveReviewInput): Promise<ReviewDoc> {
  const order = await loadOrder(models, input.orderId);
  if (viewer.id !== order.buyerId) throw forbidden();
  if (order.status !== 'COMPLETED') failWith(null, 'Only a completed order can be reviewed.', 'INVALID_STATE');
  const { rating, communication, serviceAsDescribed, recommend, comment } = parseInput(leaveReviewInput, input);
  const now = deps.clock();
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
    review = created.toObject() as unknown as ReviewDoc;
  } catch (error) {
    if (isDuplicateKey(error)) failWith(null, 'This order already has a review.', 'INVALID_STATE');
    throw error;
  }
  // Nothing else writes a COMPLETED order, so the order read above is still current.
  await applyTransition(models, {
    orderId: order._id,
    version: order.version,
    from: 'COMPLETED',
    to: 'COMPLETED',
    at: now,
    events: [{ type: 'REVIEWED', actorId: viewer.id }],
    fact: { type: 'review.left', order, rating: review.rating },
  });
  return review;
}

/** The reviewed seller answers once: a conditional update on "no response yet". */
export async function respondToReview(
  models: OrdersModels,
  deps: OrdersDeps,
  viewer: Viewer,
  input: { reviewId: string; response: string },
): Promise<ReviewDoc> {
  const review = isObjectId(input.reviewId) ? await models.Review.findById(input.reviewId).lean<ReviewDoc>().exec() : null;
  if (!review) failWith(['input', 'reviewId'], 'No such review.', 'NOT_FOUND');
  if (viewer.id !== review.sellerId) throw forbidden();
  const { response } = parseInput(respondToReviewInput, input);
  // One response per review, also when two arrive at once: the conditional update has one winner.
  const updated = await models.Review.findOneAndUpdate(
    { _id: review._id, sellerResponse: null },
    { $set: { sellerResponse: response, respondedAt: deps.clock() } },
    { returnDocument: 'after' },
  )
    .lean<ReviewDoc>()
    .exec();
  if (!updated) failWith(null, 'This review already has your response.', 'INVALID_STATE');
  return updated;
}

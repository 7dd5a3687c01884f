import { Schema, type Connection, type Types } from 'mongoose';

/**
 * A buyer's review of a completed order; public.
 * Indexes: `orderId` unique (one review per order, enforced by the database when two race),
 * `gigId + createdAt + _id` (Gig.reviews, newest first; Gig.rating), `sellerId + createdAt + _id`
 * (User.reviewsReceived; the seller's rating).
 */
export interface ReviewDoc {
  _id: Types.ObjectId;
  orderId: Types.ObjectId;
  gigId: string;
  authorId: string;
  sellerId: string;
  rating: number;
  communication: number | null;
  serviceAsDescribed: number | null;
  recommend: number | null;
  comment: string;
  sellerResponse: string | null;
  respondedAt: Date | null;
  createdAt: Date;
}

const reviewSchema = new Schema<ReviewDoc>({
  orderId: { type: Schema.Types.ObjectId, required: true, unique: true },
  gigId: { type: String, required: true },
  authorId: { type: String, required: true },
  sellerId: { type: String, required: true },
  rating: { type: Number, required: true },
  communication: { type: Number, default: null },
  serviceAsDescribed: { type: Number, default: null },
  recommend: { type: Number, default: null },
  comment: { type: String, required: true },
  sellerResponse: { type: String, default: null },
  respondedAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});
reviewSchema.index({ gigId: 1, createdAt: -1, _id: -1 });
reviewSchema.index({ sellerId: 1, createdAt: -1, _id: -1 });

export function reviewModel(connection: Connection) {
  return connection.model<ReviewDoc>('Review', reviewSchema, 'reviews');
}
export type ReviewModel = ReturnType<typeof reviewModel>;

import { Schema, type Connection, type Model } from 'mongoose';

/**
 * The newest facts the gigs service knows about each order, one document per order, keyed by the
 * order id: what the gig's counters are computed from (see apply.ts). `sequence` is the order's
 * version those facts describe; older facts never replace newer ones.
 *
 * Indexes: `_id` (the order id; one row per order, also when two deliveries race); `gigId` (a
 * gig's recomputation reads all its rows).
 */
export interface OrderFactDoc {
  _id: string;
  gigId: string;
  sellerId: string;
  sequence: number;
  status: string;
  completed: 0 | 1;
  inQueue: 0 | 1;
  rated: 0 | 1;
  /** 0 when unrated. */
  rating: number;
  updatedAt: Date;
}

const orderFactSchema = new Schema<OrderFactDoc>(
  {
    _id: { type: String, required: true },
    gigId: { type: String, required: true },
    sellerId: { type: String, required: true },
    sequence: { type: Number, required: true },
    status: { type: String, required: true },
    completed: { type: Number, required: true },
    inQueue: { type: Number, required: true },
    rated: { type: Number, required: true },
    rating: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
orderFactSchema.index({ gigId: 1 });

export type OrderFactModel = Model<OrderFactDoc>;

export function orderFactModel(connection: Connection): OrderFactModel {
  return connection.model<OrderFactDoc>('OrderFact', orderFactSchema, 'orderfacts');
}

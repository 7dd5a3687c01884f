import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { GigStatus } from '../../generated/resolvers.js';

/**
 * One row per (member, saved gig). `gigStatus` is a copy of the gig's status, kept in step when the
 * status changes, so a member's saved list filters out gigs they may no longer see with the same
 * single query that pages it (FerretDB has no $lookup).
 *
 * Indexes: `userId + gigId` unique (saving twice is a no-op); `userId, gigStatus, createdAt, _id`
 * (User.savedGigs, newest saved first); `gigId` (keeping `gigStatus` in step).
 */
export interface SavedGigDoc {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  gigId: Types.ObjectId;
  gigStatus: GigStatus;
  createdAt: Date;
}

const STATUSES: GigStatus[] = ['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED'];

const savedGigSchema = new Schema<SavedGigDoc>({
  userId: { type: Schema.Types.ObjectId, required: true },
  gigId: { type: Schema.Types.ObjectId, required: true },
  gigStatus: { type: String, enum: STATUSES, required: true },
  createdAt: { type: Date, required: true },
});
savedGigSchema.index({ userId: 1, gigId: 1 }, { unique: true });
savedGigSchema.index({ userId: 1, gigStatus: 1, createdAt: -1, _id: -1 });
savedGigSchema.index({ gigId: 1 });

export type SavedGigModel = Model<SavedGigDoc>;

export function savedGigModel(connection: Connection): SavedGigModel {
  return connection.model<SavedGigDoc>('SavedGig', savedGigSchema, 'savedgigs');
}

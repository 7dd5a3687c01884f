import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * A mutation's idempotency key: scoped to the member and the operation, with a fingerprint of the
 * input it came with and, once the first call succeeded, the id of its result. `resultId` is null
 * while that first call runs; a refused call deletes its key (the same request may be tried again).
 *
 * Indexes: `memberId + operation + key` unique (two calls with one key: one runs); `createdAt`
 * (the cleanup job deletes keys after KEY_RETENTION_MS; the local database has no TTL indexes).
 */
export interface IdempotencyKeyDoc {
  _id: Types.ObjectId;
  memberId: string;
  operation: string;
  key: string;
  fingerprint: string;
  resultId: string | null;
  /**
   * The id the first call's result gets, chosen before it runs: a call that died after storing its
   * result but before recording `resultId` is recognised by it (the result exists) and not run again.
   */
  plannedId: string | null;
  createdAt: Date;
}

const idempotencyKeySchema = new Schema<IdempotencyKeyDoc>({
  memberId: { type: String, required: true },
  operation: { type: String, required: true },
  key: { type: String, required: true },
  fingerprint: { type: String, required: true },
  resultId: { type: String, default: null },
  plannedId: { type: String, default: null },
  createdAt: { type: Date, required: true },
});
idempotencyKeySchema.index({ memberId: 1, operation: 1, key: 1 }, { unique: true });
idempotencyKeySchema.index({ createdAt: 1 });

export type IdempotencyKeyModel = Model<IdempotencyKeyDoc>;

export function idempotencyKeyModel(connection: Connection): IdempotencyKeyModel {
  return connection.model<IdempotencyKeyDoc>('IdempotencyKey', idempotencyKeySchema, 'idempotencykeys');
}

import { Schema, type Connection, type Types } from 'mongoose';

/**
 * One row per applied order transition: (orderId, version) is unique, so of all the requests that
 * read an order at version v exactly one can insert the claim for v and go on to write.
 *
 * Why this exists: FerretDB v1 (our local database) runs findAndModify and update as "find the
 * document, then replace it by _id", so the status in the filter is not re-checked at write time
 * and twenty simultaneous acceptDelivery calls all "win" (measured: 7 of 20). An insert into a
 * unique index is atomic there (SQLite enforces it). On MongoDB the claim is redundant with the
 * conditional update, and harmless. It also leaves an audit trail of who moved an order when.
 *
 * A review's one seller response claims version -1 of its order the same way.
 *
 * Index: `orderId + version` unique; `claimedAt` for the sweep of claims whose writer died.
 */
export interface ClaimDoc {
  _id: Types.ObjectId;
  orderId: Types.ObjectId;
  version: number;
  action: string;
  claimedAt: Date;
}

const claimSchema = new Schema<ClaimDoc>({
  orderId: { type: Schema.Types.ObjectId, required: true },
  version: { type: Number, required: true },
  action: { type: String, required: true },
  claimedAt: { type: Date, required: true },
});
claimSchema.index({ orderId: 1, version: 1 }, { unique: true });
claimSchema.index({ claimedAt: 1 });

export function claimModel(connection: Connection) {
  return connection.model<ClaimDoc>('OrderTransitionClaim', claimSchema, 'order_transitions');
}
export type ClaimModel = ReturnType<typeof claimModel>;

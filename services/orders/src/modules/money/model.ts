import { Schema, type Connection, type Types } from 'mongoose';
import type { LedgerEntryKind, WithdrawalStatus } from '../../generated/resolvers.js';

/**
 * The seller's money (orders.money.graphql): an append-only ledger, the withdrawals, and one
 * account document per seller that serializes withdrawals.
 *
 * Ledger (`ledger`): one document per line, never updated or deleted. `key` names the event that
 * caused it (`earning:<orderId>`, `refund:<orderId>`, `tip:<orderId>`, `withdrawal:<id>`,
 * `reversal:<id>`) and is unique, so applying a step twice writes one line. A line is first written
 * as a draft inside the document whose change causes it, by the very conditional update that makes
 * the change (the order's `ledgerPending`, the account's `pending`), then copied here with its own
 * `_id` and removed from the draft list (ledger.ts): a crash between the two leaves the draft,
 * which the next pass (a request of the same seller, or the sweep at start-up and every minute)
 * applies. Balances read the drafts not yet copied as lines, so no window shows a wrong balance.
 *
 * Indexes: `key` unique; `sellerId + createdAt + _id` (the ledger page, newest first);
 * `sellerId + kind` and `sellerId + matureAt` (the balance sums); `orderId` (held orders' lines).
 */
export interface LedgerEntryDoc {
  _id: Types.ObjectId;
  key: string;
  sellerId: string;
  kind: LedgerEntryKind;
  /** Credits positive, debits negative. */
  amountCents: number;
  orderId: Types.ObjectId | null;
  withdrawalId: Types.ObjectId | null;
  /** Credits: when it becomes available (the contract's availableAt). Null for debits. */
  availableAt: Date | null;
  /**
   * When the line counts as cleared: a credit's availableAt; a REFUND's is its order's earning's
   * (a refund lands on the credit it reduces). Null for withdrawals and reversals.
   */
  matureAt: Date | null;
  createdAt: Date;
}

/** A withdrawal; its `_id` is also the `_id` of its WITHDRAWAL ledger line. */
export interface WithdrawalDoc {
  _id: Types.ObjectId;
  sellerId: string;
  amountCents: number;
  status: WithdrawalStatus;
  failureReason: string | null;
  /** The client's key, or `auto:<id>`; unique per seller. */
  idempotencyKey: string;
  fingerprint: string;
  /** The account's lastWithdrawalAt before this one (given back if the provider refuses it). */
  previousWithdrawalAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Per seller (`_id` = the seller's id): the lock every withdrawal takes. A withdrawal is one
 * conditional update on `version` that also sets `lastWithdrawalAt` and pushes the withdrawal
 * (its ledger line follows from it) into `pending`; of concurrent withdrawals one wins.
 */
export interface SellerAccountDoc {
  _id: string;
  version: number;
  lastWithdrawalAt: Date | null;
  pending: WithdrawalDoc[];
  pendingCount: number;
}

export const ledgerEntrySchema = new Schema<LedgerEntryDoc>({
  key: { type: String, required: true },
  sellerId: { type: String, required: true },
  kind: { type: String, required: true },
  amountCents: { type: Number, required: true },
  orderId: { type: Schema.Types.ObjectId, default: null },
  withdrawalId: { type: Schema.Types.ObjectId, default: null },
  availableAt: { type: Date, default: null },
  matureAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});

const ledgerSchema = ledgerEntrySchema.clone();
ledgerSchema.index({ key: 1 }, { unique: true });
ledgerSchema.index({ sellerId: 1, createdAt: -1, _id: -1 });
ledgerSchema.index({ sellerId: 1, kind: 1 });
ledgerSchema.index({ sellerId: 1, matureAt: 1 });
ledgerSchema.index({ orderId: 1 });

export const withdrawalSchema = new Schema<WithdrawalDoc>({
  sellerId: { type: String, required: true },
  amountCents: { type: Number, required: true },
  status: { type: String, required: true },
  failureReason: { type: String, default: null },
  idempotencyKey: { type: String, required: true },
  fingerprint: { type: String, required: true },
  previousWithdrawalAt: { type: Date, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
});

const withdrawalsSchema = withdrawalSchema.clone();
withdrawalsSchema.index({ sellerId: 1, idempotencyKey: 1 }, { unique: true });
withdrawalsSchema.index({ sellerId: 1, createdAt: -1, _id: -1 });
withdrawalsSchema.index({ status: 1 });

const accountSchema = new Schema<SellerAccountDoc>({
  _id: { type: String, required: true },
  version: { type: Number, required: true },
  lastWithdrawalAt: { type: Date, default: null },
  pending: { type: [withdrawalSchema], default: [] },
  pendingCount: { type: Number, default: 0 },
});
accountSchema.index({ pendingCount: 1 });

export function ledgerEntryModel(connection: Connection) {
  return connection.model<LedgerEntryDoc>('LedgerEntry', ledgerSchema, 'ledger');
}
export type LedgerEntryModel = ReturnType<typeof ledgerEntryModel>;

export function withdrawalModel(connection: Connection) {
  return connection.model<WithdrawalDoc>('Withdrawal', withdrawalsSchema, 'withdrawals');
}
export type WithdrawalModel = ReturnType<typeof withdrawalModel>;

export function sellerAccountModel(connection: Connection) {
  return connection.model<SellerAccountDoc>('SellerAccount', accountSchema, 'seller_accounts');
}
export type SellerAccountModel = ReturnType<typeof sellerAccountModel>;

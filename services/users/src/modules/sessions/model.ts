import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';

/*
 * Why three collections and no updates: FerretDB v1 (our local database) applies an update as
 * read-modify-write of the whole document without isolation, so two concurrent conditional updates
 * of one document BOTH succeed and concurrent `$set`s clobber each other (measured: 20 of 20 races).
 * Inserting a document with a given `_id` (or unique key) is the one operation that is decided
 * exactly once, on FerretDB and MongoDB alike. So spending a token and revoking a family are
 * inserts, and sessions are never updated.
 */

/**
 * One refresh token, stored only as its SHA-256, never updated. Indexes: `tokenHash` (unique: the
 * lookup), `userId + expiresAt` (a member's live families), `familyId` (cleanup of a revoked
 * family), `expiresAt` (cleanup).
 */
const sessionSchema = new Schema({
  tokenHash: { type: String, required: true, unique: true },
  familyId: { type: Schema.Types.ObjectId, required: true, index: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  createdAt: { type: Date, required: true },
  expiresAt: { type: Date, required: true, index: true },
});
sessionSchema.index({ userId: 1, expiresAt: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema> & { _id: Types.ObjectId };

export function sessionModel(connection: Connection) {
  return connection.model('Session', sessionSchema, 'sessions');
}
export type SessionModel = ReturnType<typeof sessionModel>;

/**
 * A spent refresh token: `_id` is the session's id, so of two refreshes with one token exactly one
 * insert succeeds, and a token presented again is recognised as reuse. Index: `familyId` (cleanup).
 */
const sessionSpendSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  familyId: { type: Schema.Types.ObjectId, required: true, index: true },
  at: { type: Date, required: true, index: true },
});

export function sessionSpendModel(connection: Connection) {
  return connection.model('SessionSpend', sessionSpendSchema, 'sessionspends');
}
export type SessionSpendModel = ReturnType<typeof sessionSpendModel>;

/**
 * A revoked session family (everything descended from one log-in): `_id` is the family id. Every
 * refresh checks it, so a revocation ends tokens issued even a moment later in the same family.
 * Index: `at` (cleanup).
 */
const familyRevocationSchema = new Schema({
  _id: { type: Schema.Types.ObjectId, required: true },
  userId: { type: Schema.Types.ObjectId, required: true },
  reason: { type: String, required: true },
  at: { type: Date, required: true, index: true },
});

export function familyRevocationModel(connection: Connection) {
  return connection.model('FamilyRevocation', familyRevocationSchema, 'familyrevocations');
}
export type FamilyRevocationModel = ReturnType<typeof familyRevocationModel>;

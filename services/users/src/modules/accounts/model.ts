import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';

/**
 * Password hashes, one per member (`_id` is the member's id), kept apart from `users` so no query of
 * a profile can carry one, and with the scrypt parameters of each hash so they can be raised later.
 */
const credentialSchema = new Schema(
  {
    algorithm: { type: String, required: true },
    N: { type: Number, required: true },
    r: { type: Number, required: true },
    p: { type: Number, required: true },
    keyLength: { type: Number, required: true },
    salt: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { timestamps: true },
);

export type CredentialDoc = InferSchemaType<typeof credentialSchema> & { _id: Types.ObjectId };

export function credentialModel(connection: Connection) {
  return connection.model('Credential', credentialSchema, 'credentials');
}
export type CredentialModel = ReturnType<typeof credentialModel>;

/**
 * Throttle counters: the attempts of one key (an account, an unknown log-in name, a client address)
 * in one fixed window. An attempt takes its place with one conditional update (`$inc` where `count`
 * is still under the limit) BEFORE the password is checked, so simultaneous attempts cannot all
 * pass a count read beforehand; a success gives its place back. The unique index makes the counter
 * of a key and window one document; single-document updates are atomic on MongoDB and on our
 * FerretDB build (its write front, see the README's "The database"). Old windows are deleted by the
 * cleanup job (FerretDB has no TTL indexes).
 */
const throttleCounterSchema = new Schema({
  key: { type: String, required: true },
  windowStart: { type: Date, required: true },
  count: { type: Number, required: true },
});
throttleCounterSchema.index({ key: 1, windowStart: 1 }, { unique: true });

export function throttleCounterModel(connection: Connection) {
  return connection.model('ThrottleCounter', throttleCounterSchema, 'throttlecounters');
}
export type ThrottleCounterModel = ReturnType<typeof throttleCounterModel>;

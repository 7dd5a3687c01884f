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
 * Failed log-in attempts, one document per failure, counted per key (an account, or a client
 * address) and fixed window. One insert per failure rather than a `$inc` counter: FerretDB v1 loses
 * concurrent updates of one document, never an insert. Index: `key + windowStart` (the count).
 * Old windows are deleted by the cleanup job (FerretDB has no TTL indexes).
 */
const loginFailureSchema = new Schema({
  key: { type: String, required: true },
  windowStart: { type: Date, required: true },
});
loginFailureSchema.index({ key: 1, windowStart: 1 });

export function loginFailureModel(connection: Connection) {
  return connection.model('LoginFailure', loginFailureSchema, 'loginfailures');
}
export type LoginFailureModel = ReturnType<typeof loginFailureModel>;

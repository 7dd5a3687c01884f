import { ROLES, type Role } from '@gigmart/shared';
import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';

export const LANGUAGE_LEVELS = ['BASIC', 'CONVERSATIONAL', 'FLUENT', 'NATIVE'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

const languageSkillSchema = new Schema(
  {
    code: { type: String, required: true },
    level: { type: String, enum: LANGUAGE_LEVELS, required: true },
  },
  { _id: false },
);

const sellerProfileSchema = new Schema(
  {
    headline: { type: String, required: true },
    sellerSince: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * A member. Secrets are NOT here (see `credentials`): the document is safe to read anywhere.
 * Indexes: `email` and `username` (unique, both required because FerretDB lets several missing
 * values through a unique index); both are stored lowercase so uniqueness is case-insensitive.
 */
const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    avatarUrl: { type: String, default: null },
    bio: { type: String, default: null },
    country: { type: String, default: null },
    languages: { type: [languageSkillSchema], default: [] },
    skills: { type: [String], default: [] },
    roles: { type: [{ type: String, enum: ROLES }], default: ['BUYER'] },
    sellerProfile: { type: sellerProfileSchema, default: null },
  },
  { timestamps: true },
);

/** A member as read with `.lean()`. */
export interface UserDoc {
  _id: Types.ObjectId;
  email: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  bio: string | null;
  country: string | null;
  languages: Array<{ code: string; level: LanguageLevel }>;
  skills: string[];
  roles: Role[];
  sellerProfile: { headline: string; sellerSince: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}

export function userModel(connection: Connection) {
  return connection.model('User', userSchema, 'users');
}
export type UserModel = ReturnType<typeof userModel>;

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

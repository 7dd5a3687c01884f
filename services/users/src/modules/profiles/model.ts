import { ROLES } from '@gigmart/shared';
import { Schema, type Connection, type Types } from 'mongoose';
import type { LanguageLevel, Role } from '../../generated/resolvers.js';

export const LANGUAGE_LEVELS = ['BASIC', 'CONVERSATIONAL', 'FLUENT', 'NATIVE'] as const satisfies readonly LanguageLevel[];

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
    avatarFileId: { type: String, default: null },
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
  /** The AVATAR file at the media service (avatarUrl is then its 400-pixel rendition's link); absent on older members. */
  avatarFileId?: string | null;
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

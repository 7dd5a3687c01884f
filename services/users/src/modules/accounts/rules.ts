import { userError, type UserError } from '@gigmart/shared';
import { z } from 'zod';
import { lengthErrors, type Checked } from '../../common/rules.js';
import { displayNameErrors, normalizeUsername } from '../profiles/rules.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 20;
export const EMAIL_MAX = 254;

const emailShape = z.email();
const USERNAME_PATTERN = /^[a-z0-9_]+$/;

export interface SignUpInput {
  email: string;
  password: string;
  username: string;
  displayName: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailErrors(field: readonly string[], email: string): UserError[] {
  if (email.length > EMAIL_MAX) return [userError(field, `Email must be at most ${EMAIL_MAX} characters.`, 'TOO_LONG')];
  if (!emailShape.safeParse(email).success) return [userError(field, 'Enter a valid email address, e.g. name@example.com.', 'INVALID')];
  return [];
}

export function passwordErrors(field: readonly string[], password: string): UserError[] {
  return lengthErrors(field, 'Password', password, PASSWORD_MIN, PASSWORD_MAX);
}

export function usernameErrors(field: readonly string[], username: string): UserError[] {
  const errors = lengthErrors(field, 'Username', username, USERNAME_MIN, USERNAME_MAX);
  if (username.length > 0 && !USERNAME_PATTERN.test(username)) {
    errors.push(userError(field, 'Username may contain only lowercase letters, digits and underscores.', 'INVALID'));
  }
  return errors;
}

/** Cleans a sign-up and lists every broken rule at once (uniqueness is the database's to judge). */
export function validateSignUp(input: SignUpInput): Checked<SignUpInput> {
  const value: SignUpInput = {
    email: normalizeEmail(input.email),
    password: input.password,
    username: normalizeUsername(input.username),
    displayName: input.displayName.trim(),
  };
  return {
    value,
    errors: [
      ...emailErrors(['input', 'email'], value.email),
      ...passwordErrors(['input', 'password'], value.password),
      ...usernameErrors(['input', 'username'], value.username),
      ...displayNameErrors(['input', 'displayName'], value.displayName),
    ],
  };
}

/** A log-in names an account by email (it has an @) or by username. */
export function parseLogin(login: string): { email: string } | { username: string } {
  const trimmed = login.trim().toLowerCase();
  return trimmed.includes('@') ? { email: trimmed } : { username: trimmed };
}

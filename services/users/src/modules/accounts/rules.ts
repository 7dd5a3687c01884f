import { text } from '@gigmart/shared';
import { z } from 'zod';
import { displayName, username } from '../profiles/index.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const EMAIL_MAX = 254;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Trimmed and lowercased, at most 254 characters, and then a real address shape. */
export const email = z
  .string()
  .transform(normalizeEmail)
  .pipe(z.string().max(EMAIL_MAX, `Email must be at most ${EMAIL_MAX} characters.`))
  .pipe(z.email('Enter a valid email address, e.g. name@example.com.'));

/** 8-128 characters as typed: a password is never trimmed. */
export const password = text({ label: 'Password', min: PASSWORD_MIN, max: PASSWORD_MAX, trim: false });

/** A sign-up, cleaned; uniqueness of the email and the username is the database's to judge. */
export const signUpInput = z.object({ email, password, username, displayName });
export type SignUp = z.output<typeof signUpInput>;

export const changePasswordInput = z.object({ currentPassword: z.string(), newPassword: password });

/** A log-in names an account by email (it has an @) or by username. */
export function parseLogin(login: string): { email: string } | { username: string } {
  const trimmed = login.trim().toLowerCase();
  return trimmed.includes('@') ? { email: trimmed } : { username: trimmed };
}

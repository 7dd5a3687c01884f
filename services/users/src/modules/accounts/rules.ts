import { charCount, rule } from '@gigmart/shared';
import { z } from 'zod';
import { displayName, normalizeUsername, username } from '../profiles/index.js';
import { isCommonPassword } from './common-passwords.js';

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

/*
 * Passwords follow NIST SP 800-63B (5.1.1.2): 8-128 characters of any kind (counted as a person
 * counts them) and no composition rules, but not a password from lists of common and breached ones,
 * not one character repeated or a run (12345678, abcdefgh), not only spaces, not the username or
 * the email's local part (nor containing them), and no control characters (NUL, tab, line breaks:
 * nobody types them, and some systems cut a password at a NUL). A password is never trimmed or
 * changed: it is hashed exactly as typed (scrypt normalizes it to NFKC, at sign-up and log-in alike).
 */

const CONTROL_CHARACTER = /\p{Cc}/u;
/** A name shorter than this is not looked for inside a password. */
const NAME_MIN_IN_PASSWORD = 3;

/** One character repeated, only white space, or a run of consecutive characters up or down. */
export function isRepetitive(password: string): boolean {
  const chars = [...password];
  if (new Set(chars).size === 1 || /^\s+$/u.test(password)) return true;
  const codes = chars.map((c) => c.codePointAt(0)!);
  const steps = new Set(codes.slice(1).map((code, i) => code - codes[i]!));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** What is wrong with a password on its own; its content only once its length and characters are right. */
export function passwordProblems(password: string): Array<{ message: string; code: 'INVALID' | 'TOO_SHORT' | 'TOO_LONG' }> {
  const problems: Array<{ message: string; code: 'INVALID' | 'TOO_SHORT' | 'TOO_LONG' }> = [];
  const control = CONTROL_CHARACTER.test(password);
  if (control)
    problems.push({ message: 'Password must not contain control characters (such as NUL, tabs or line breaks).', code: 'INVALID' });
  const length = charCount(password);
  if (length < PASSWORD_MIN) problems.push({ message: `Password must be at least ${PASSWORD_MIN} characters.`, code: 'TOO_SHORT' });
  else if (length > PASSWORD_MAX) problems.push({ message: `Password must be at most ${PASSWORD_MAX} characters.`, code: 'TOO_LONG' });
  else if (control) {
    // Said already: what is left of the content is not worth a second message.
  } else if (isCommonPassword(password)) {
    problems.push({
      message: 'This password is one of the most common ones, on lists of leaked passwords: choose another.',
      code: 'INVALID',
    });
  } else if (isRepetitive(password)) {
    problems.push({
      message: 'Password must not be one character repeated, only spaces, or a run like 12345678 or abcdefgh.',
      code: 'INVALID',
    });
  }
  return problems;
}

/**
 * The member's own names found in a password (case-insensitively): the username, and the email's
 * part before the @. Names shorter than 3 characters are not looked for.
 */
export function passwordNameProblems(password: string, names: { username: string; email: string }): string[] {
  const length = charCount(password);
  if (length < PASSWORD_MIN || length > PASSWORD_MAX) return [];
  const typed = password.normalize('NFKC').toLowerCase();
  const username = normalizeUsername(names.username);
  const email = normalizeEmail(names.email);
  const localPart = email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : '';
  const found = (name: string) => charCount(name) >= NAME_MIN_IN_PASSWORD && typed.includes(name.normalize('NFKC'));
  const problems: string[] = [];
  if (found(username)) problems.push('Password must not contain your username.');
  if (localPart !== username && found(localPart)) problems.push('Password must not contain the part of your email address before the @.');
  return problems;
}

/** A new password on its own (see above); `withNames` adds the member's names. */
export const password = z.string().superRefine((value, ctx) => {
  for (const problem of passwordProblems(value)) ctx.addIssue({ code: 'custom', ...rule(problem.message, problem.code) });
});

/** Refines an input whose `field` is a new password, against the member's names. */
function withNames<T extends z.ZodType>(schema: T, field: string, names: (value: z.output<T>) => { username: string; email: string }) {
  return schema.superRefine(
    (value, ctx) => {
      const typed = (value as Record<string, unknown>)[field];
      if (typeof typed !== 'string') return;
      for (const message of passwordNameProblems(typed, names(value)))
        ctx.addIssue({ code: 'custom', path: [field], ...rule(message, 'INVALID') });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}

/** A sign-up, cleaned; uniqueness of the email and the username is the database's to judge. */
export const signUpInput = withNames(z.object({ email, password, username, displayName }), 'password', (value) => value);
export type SignUp = z.output<typeof signUpInput>;

/** A password change: the new password to the sign-up rules, with the member's own names. */
export function changePasswordInput(member: { username: string; email: string }) {
  return withNames(z.object({ currentPassword: z.string(), newPassword: password }), 'newPassword', () => member);
}

/** A log-in names an account by email (it has an @) or by username. */
export function parseLogin(login: string): { email: string } | { username: string } {
  const trimmed = login.trim().toLowerCase();
  return trimmed.includes('@') ? { email: trimmed } : { username: trimmed };
}

import { z } from 'zod';
import { UserErrorsException, userError, type UserError, type UserErrorCode } from './errors.js';

/**
 * Mutation input is checked with zod schemas; every broken rule becomes one `UserError` (all of
 * them at once, never just the first) through `parseInput`, the one place that maps zod's issues to
 * the contract's codes:
 *   - a rule that names its code (`params: { code }`, as `text()` below and `rule()` do) keeps it;
 *   - a string or list too short / too long: TOO_SHORT / TOO_LONG;
 *   - anything else (a number out of range, a bad format, a wrong type): INVALID.
 * The field is the input path, e.g. ["input", "packages", "1", "priceCents"].
 */
export type FieldPath = readonly (string | number)[];

interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  params?: Record<string, unknown>;
}

function codeOf(issue: IssueLike): UserErrorCode {
  const named = issue.params?.['code'];
  if (typeof named === 'string') return named as UserErrorCode;
  const sized = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
  if (issue.code === 'too_small' && sized) return 'TOO_SHORT';
  if (issue.code === 'too_big' && sized) return 'TOO_LONG';
  return 'INVALID';
}

export function userErrorsFromZod(error: z.ZodError, at: FieldPath = ['input']): UserError[] {
  return (error.issues as IssueLike[]).map((issue) =>
    userError([...at, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p.description) : p))], issue.message, codeOf(issue)),
  );
}

/** The parsed input, or a `UserErrorsException` carrying every broken rule (see `withUserErrors`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, at: FieldPath = ['input']): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new UserErrorsException(userErrorsFromZod(result.error, at));
}

// C0 and C1 control characters, except tab, line feed and carriage return (handled per field kind).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidirectional embeddings, overrides, isolates and marks: they reorder how text around them reads.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Every text a member types is stored in one normal form: Unicode NFC (so "é" is one character
 * however it was typed), without control characters or bidirectional overrides. A single-line field
 * turns tabs and line breaks into spaces; a multi-line one keeps line breaks (as \n) and tabs.
 * Markup is kept as typed: text is plain text, and clients escape it when they show it.
 */
export function normalizeText(value: string, options: { multiline?: boolean } = {}): string {
  const cleaned = value.normalize('NFC').replace(BIDI, '').replace(CONTROL, '');
  return options.multiline ? cleaned.replace(/\r\n?/g, '\n') : cleaned.replace(/[\t\r\n]+/g, ' ');
}

/** Length as a person counts characters (code points), not UTF-16 units. */
export function charCount(value: string): number {
  return [...value].length;
}

export interface TextRule {
  /** How the field is named in messages, e.g. "A title". */
  label: string;
  min?: number;
  max: number;
  /** Trim surrounding white space before counting (default true). */
  trim?: boolean;
  /** Keeps line breaks and tabs (descriptions, messages); else they become spaces. */
  multiline?: boolean;
}

/**
 * A text field: normalized (`normalizeText`), trimmed, counted in characters, TOO_SHORT / TOO_LONG
 * with a message a person reads ("A title must be at least 15 characters.").
 */
export function text({ label, min = 0, max, trim = true, multiline = false }: TextRule) {
  return z.string().transform((value, ctx) => {
    const normal = normalizeText(value, { multiline });
    const cleaned = trim ? normal.trim() : normal;
    const length = charCount(cleaned);
    if (length < min) {
      ctx.addIssue({
        code: 'custom',
        message: min <= 1 ? `${label} must not be empty.` : `${label} must be at least ${min} characters.`,
        params: { code: 'TOO_SHORT' },
      });
    } else if (length > max) {
      ctx.addIssue({ code: 'custom', message: `${label} must be at most ${max} characters.`, params: { code: 'TOO_LONG' } });
    }
    return cleaned;
  });
}

/** A refinement with the contract's code, e.g. `.refine(isHttpsUrl, rule('Use an https:// URL.', 'INVALID'))`. */
export function rule(message: string, code: UserErrorCode = 'INVALID') {
  return { message, params: { code } };
}

/** For a refinement of a list (`{ when: always }`): it runs even when some items failed their rules. */
export const always = (payload: { value: unknown }) => Array.isArray(payload.value);

/**
 * A list of `item`s with its size rules ("Give at most 3 images."). The size is checked even when
 * items are broken (zod's own `.max` skips the items of a list that is too long), so a person sees
 * every broken rule at once; `count` says what is counted (distinct tags, say).
 */
export function list<T extends z.ZodType>(
  item: T,
  size: { min?: number; max: number; noun: string; count?: (items: z.output<T>[]) => number },
) {
  const { min = 0, max, noun, count = (items) => items.length } = size;
  return z
    .array(item)
    .refine((items) => count(items) >= min, { ...rule(`Give at least ${min} ${noun}.`, 'TOO_SHORT'), when: always })
    .refine((items) => count(items) <= max, { ...rule(`Give at most ${max} ${noun}.`, 'TOO_LONG'), when: always });
}

/**
 * An integer within bounds: one rule, one message for every way to miss them (zod's `.int()`
 * would stop the list's own rules from being checked).
 */
export function wholeNumber(label: string, { min, max }: { min: number; max: number }) {
  return z
    .number()
    .refine(
      (value) => Number.isInteger(value) && value >= min && value <= max,
      rule(`${label} must be a whole number from ${min} to ${max}.`, 'INVALID'),
    );
}

import { z } from 'zod';
import { charCount, rule } from './validation.js';

/**
 * URLs members give for others to load (an avatar, a gig's images): https only, read by the WHATWG
 * URL parser (what browsers use), and refused wherever the text and what a browser would fetch can
 * differ: a backslash (the parser reads `https:\\evil.example` as `https://evil.example/`), user
 * info (`https://cdn.example.com@evil.example/` goes to evil.example), white space, control and
 * format characters (bidi overrides, zero-width characters), and anything but a literal `https://`
 * at the start (`https:evil.example` is https://evil.example/ to the parser). A URL that passes is
 * stored as given.
 */
export const HTTPS_URL_MAX = 2048;

// White space (Unicode's too), control characters (C0, C1) and format characters (bidi, zero-width).
const UNSAFE_CHARACTER = /[\s\p{Cc}\p{Cf}]/u;
const HTTPS_PREFIX = /^https:\/\//i;

/** What is wrong with `value` as an https URL, said after a label ("must not contain ..."), or null. */
export function httpsUrlProblem(value: string): string | null {
  if (UNSAFE_CHARACTER.test(value)) return 'must not contain spaces or control characters';
  if (value.includes('\\')) return 'must not contain backslashes';
  if (!HTTPS_PREFIX.test(value)) return 'must be an https:// URL, e.g. https://example.com/picture.png';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an https:// URL, e.g. https://example.com/picture.png';
  }
  if (url.protocol !== 'https:' || url.hostname === '') return 'must be an https:// URL, e.g. https://example.com/picture.png';
  // The authority as typed: the parser forgets an empty user info (`https://@evil.example`).
  const authority = value.slice('https://'.length).split(/[/?#]/, 1)[0] ?? '';
  // `https:///host` is read as https://host/ by the parser, not by a person: the host comes first.
  if (authority === '') return 'must be an https:// URL, e.g. https://example.com/picture.png';
  if (url.username !== '' || url.password !== '' || authority.includes('@')) return 'must not contain a user name or password';
  return null;
}

/** True for a string that `httpsUrl` accepts (at most `max` characters, 2048 by default). */
export function isSafeHttpsUrl(value: unknown, max = HTTPS_URL_MAX): value is string {
  return typeof value === 'string' && charCount(value) <= max && httpsUrlProblem(value) === null;
}

/**
 * A zod schema for an https URL field: TOO_LONG past `max` characters (2048), else INVALID with
 * the reason, e.g. "The avatar URL must not contain a user name or password.". It does not trim:
 * white space anywhere is refused.
 */
export function httpsUrl(label: string, options: { max?: number } = {}) {
  const max = options.max ?? HTTPS_URL_MAX;
  return z
    .string()
    .refine((value) => charCount(value) <= max, { ...rule(`${label} must be at most ${max} characters.`, 'TOO_LONG'), abort: true })
    .superRefine((value, ctx) => {
      const problem = httpsUrlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', ...rule(`${label} ${problem}.`, 'INVALID') });
    });
}

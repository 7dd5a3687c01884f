import { httpsUrl, isAdmin, MAX_MAIL_RECIPIENT_IDS, normalizeText, rule, text, type Viewer } from '@gigmart/shared';
import { z } from 'zod';
import { COUNTRY_CODES, LANGUAGE_CODES } from './iso-codes.js';
import { LANGUAGE_LEVELS } from './model.js';

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 20;
export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 600;
export const AVATAR_URL_MAX = 2048;
export const MAX_LANGUAGES = 10;
export const MAX_SKILLS = 15;
export const SKILL_MIN = 2;
export const SKILL_MAX = 30;
export const HEADLINE_MIN = 10;
export const HEADLINE_MAX = 70;

const USERNAME_PATTERN = /^[a-z0-9_]+$/;

/** email and roles are the member's own business, and the admins'. */
export function canSeePrivateFields(viewer: Viewer | null, userId: string): boolean {
  return Boolean(viewer && (viewer.id === userId || isAdmin(viewer)));
}

/** Usernames are case-insensitive: stored and looked up lowercase. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** 3-20 lowercase letters, digits and underscores, stored lowercase; a bad length and bad characters are both reported. */
export const username = z
  .string()
  .transform(normalizeUsername)
  .pipe(text({ label: 'Username', min: USERNAME_MIN, max: USERNAME_MAX }))
  .refine((name) => name.length === 0 || USERNAME_PATTERN.test(name), {
    ...rule('Username may contain only lowercase letters, digits and underscores.', 'INVALID'),
    // Also when the length is wrong: every broken rule at once.
    when: (payload) => typeof payload.value === 'string',
  });

export const displayName = text({ label: 'Display name', min: 1, max: DISPLAY_NAME_MAX });

/** https only, as the WHATWG parser reads it, no user info, backslashes or white space (shared `httpsUrl`). */
const avatarUrl = httpsUrl('The avatar URL', { max: AVATAR_URL_MAX });

/** Several paragraphs: line breaks and tabs kept, like every text field normalized by shared `text()`. */
const bio = text({ label: 'Bio', max: BIO_MAX, multiline: true });

const country = z
  .string()
  .transform((code) => code.toUpperCase())
  .refine((code) => COUNTRY_CODES.has(code), rule('Use an ISO 3166-1 alpha-2 country code, e.g. "DE" or "US".', 'INVALID'));

const language = z.object({
  code: z
    .string()
    .transform((code) => code.trim().toLowerCase())
    .refine((code) => LANGUAGE_CODES.has(code), rule('Use an ISO 639-1 language code, e.g. "en" or "de".', 'INVALID')),
  level: z.enum(LANGUAGE_LEVELS),
});

/** At most 10 languages, each listed once (a repeat is reported where it repeats). */
const languages = (list: z.ZodArray<typeof language>) =>
  list.max(MAX_LANGUAGES, `List at most ${MAX_LANGUAGES} languages.`).superRefine((chosen, ctx) => {
    const seen = new Set<string>();
    chosen.forEach(({ code }, i) => {
      if (LANGUAGE_CODES.has(code) && seen.has(code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], ...rule('Each language may be listed once.', 'INVALID') });
      seen.add(code);
    });
  });

/** Skills are de-duplicated case-insensitively, the first spelling kept. */
export function uniqueSkills(skills: readonly string[]): string[] {
  const seen = new Set<string>();
  return skills.filter((skill) => {
    const key = skill.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const skill = text({ label: 'A skill', min: SKILL_MIN, max: SKILL_MAX });
/** Each skill 2-30 characters, trimmed; at most 15 once the repeats are gone. */
const skills = (list: z.ZodArray<typeof skill>) =>
  list.transform(uniqueSkills).pipe(z.array(z.string()).max(MAX_SKILLS, `List at most ${MAX_SKILLS} skills.`));

/**
 * An optional field: null, empty, or nothing but white space and characters `text()` drops (NUL,
 * bidi overrides) clears it (null); anything else is trimmed and must pass `schema`.
 */
function clearable(schema: z.ZodType<string, string>) {
  return z
    .string()
    .nullable()
    .transform((value) => (value === null || normalizeText(value).trim() === '' ? null : value.trim()))
    .pipe(schema.nullable())
    .optional();
}

/** A field that cannot be cleared: null leaves it unchanged, like leaving it out. */
function unchangedWhenNull<S extends z.ZodType>(schema: S) {
  return schema.nullish().transform((value) => value ?? undefined);
}

/** The keys whose value is not undefined: the fields a profile update sets. */
function definedOnly<T extends object>(changes: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/**
 * A profile update: an absent field is left unchanged; null (or an empty string) clears an optional
 * one. displayName cannot be cleared, so null leaves it unchanged; null lists leave theirs
 * unchanged, [] empties them. Country codes are stored uppercase, language codes lowercase.
 */
export const profileUpdateInput = z
  .object({
    displayName: unchangedWhenNull(displayName),
    avatarUrl: clearable(avatarUrl),
    bio: clearable(bio),
    country: clearable(country),
    languages: unchangedWhenNull(languages(z.array(language))),
    skills: unchangedWhenNull(skills(z.array(skill))),
  })
  .transform(definedOnly);
export type ProfileChanges = z.output<typeof profileUpdateInput>;

/** A seller needs a 10-70 character headline, and at least one skill and one language buyers can search by. */
export const sellerApplicationInput = z.object({
  headline: text({ label: 'Headline', min: HEADLINE_MIN, max: HEADLINE_MAX }),
  skills: skills(z.array(skill).min(1, 'List at least one skill.')),
  languages: languages(z.array(language).min(1, 'List at least one language.')),
});
export type SellerApplication = z.output<typeof sellerApplicationInput>;

/** The internal members route takes at most this many ids per request. */
export const MAX_MEMBER_IDS = 500;
export const membersRequest = z.object({ ids: z.array(z.string()).max(MAX_MEMBER_IDS) });
export const mailRecipientsRequest = z.object({ ids: z.array(z.string()).min(1).max(MAX_MAIL_RECIPIENT_IDS) });

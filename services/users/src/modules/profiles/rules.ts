import { isAdmin, userError, type UserError, type Viewer } from '@gigmart/shared';
import { z } from 'zod';
import { lengthErrors, type Checked } from '../../common/rules.js';
import { COUNTRY_CODES, LANGUAGE_CODES } from './iso-codes.js';
import type { LanguageLevel } from './model.js';

export const DISPLAY_NAME_MAX = 50;
export const BIO_MAX = 600;
export const AVATAR_URL_MAX = 2048;
export const MAX_LANGUAGES = 10;
export const MAX_SKILLS = 15;
export const SKILL_MIN = 2;
export const SKILL_MAX = 30;
export const HEADLINE_MIN = 10;
export const HEADLINE_MAX = 70;

export interface LanguageSkill {
  code: string;
  level: LanguageLevel;
}

export interface UpdateProfileInput {
  displayName?: string | null;
  avatarUrl?: string | null;
  bio?: string | null;
  country?: string | null;
  languages?: LanguageSkill[] | null;
  skills?: string[] | null;
}

/** The fields to set; a field left out of the input is left out here (unchanged). */
export interface ProfileChanges {
  displayName?: string;
  avatarUrl?: string | null;
  bio?: string | null;
  country?: string | null;
  languages?: LanguageSkill[];
  skills?: string[];
}

type Path = readonly (string | number)[];

/** The internal members route takes at most this many ids per request. */
export const MAX_MEMBER_IDS = 500;
export const membersRequest = z.object({ ids: z.array(z.string()).max(MAX_MEMBER_IDS) });

/** email and roles are the member's own business, and the admins'. */
export function canSeePrivateFields(viewer: Viewer | null, userId: string): boolean {
  return Boolean(viewer && (viewer.id === userId || isAdmin(viewer)));
}

/** Usernames are case-insensitive: stored and looked up lowercase. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function displayNameErrors(field: readonly string[], displayName: string): UserError[] {
  return lengthErrors(field, 'Display name', displayName, 1, DISPLAY_NAME_MAX);
}

export function avatarUrlErrors(field: Path, url: string): UserError[] {
  if (url.length > AVATAR_URL_MAX) return [userError(field, `The avatar URL must be at most ${AVATAR_URL_MAX} characters.`, 'TOO_LONG')];
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) {
    return [userError(field, 'The avatar URL must be an https:// URL.', 'INVALID')];
  }
  return [];
}

export function countryErrors(field: Path, country: string): UserError[] {
  return COUNTRY_CODES.has(country) ? [] : [userError(field, 'Use an ISO 3166-1 alpha-2 country code, e.g. "DE" or "US".', 'INVALID')];
}

export function checkLanguages(field: Path, languages: readonly LanguageSkill[]): Checked<LanguageSkill[]> {
  const errors: UserError[] = [];
  if (languages.length > MAX_LANGUAGES) errors.push(userError(field, `List at most ${MAX_LANGUAGES} languages.`, 'TOO_LONG'));
  const value = languages.map((l) => ({ code: l.code.trim().toLowerCase(), level: l.level }));
  const seen = new Set<string>();
  value.forEach((language, i) => {
    if (!LANGUAGE_CODES.has(language.code)) {
      errors.push(userError([...field, i, 'code'], 'Use an ISO 639-1 language code, e.g. "en" or "de".', 'INVALID'));
    } else if (seen.has(language.code)) {
      errors.push(userError([...field, i, 'code'], 'Each language may be listed once.', 'INVALID'));
    }
    seen.add(language.code);
  });
  return { value, errors };
}

/** Skills are trimmed and de-duplicated (case-insensitively, the first spelling kept). */
export function checkSkills(field: Path, skills: readonly string[]): Checked<string[]> {
  const errors: UserError[] = [];
  const value: string[] = [];
  const seen = new Set<string>();
  skills.forEach((raw, i) => {
    const skill = raw.trim();
    const broken = lengthErrors([...field, i], 'A skill', skill, SKILL_MIN, SKILL_MAX);
    errors.push(...broken);
    if (!broken.length && !seen.has(skill.toLowerCase())) {
      seen.add(skill.toLowerCase());
      value.push(skill);
    }
  });
  if (value.length > MAX_SKILLS) errors.unshift(userError(field, `List at most ${MAX_SKILLS} skills.`, 'TOO_LONG'));
  return { value, errors };
}

/**
 * An absent field is left unchanged; null (or an empty string) clears an optional one. displayName
 * cannot be cleared, so null leaves it unchanged; null lists leave theirs unchanged, [] empties them.
 */
export function validateProfileUpdate(input: UpdateProfileInput): Checked<ProfileChanges> {
  const value: ProfileChanges = {};
  const errors: UserError[] = [];
  if (input.displayName != null) {
    value.displayName = input.displayName.trim();
    errors.push(...displayNameErrors(['input', 'displayName'], value.displayName));
  }
  if (input.avatarUrl !== undefined) {
    value.avatarUrl = input.avatarUrl?.trim() || null;
    if (value.avatarUrl) errors.push(...avatarUrlErrors(['input', 'avatarUrl'], value.avatarUrl));
  }
  if (input.bio !== undefined) {
    value.bio = input.bio?.trim() || null;
    if (value.bio) errors.push(...lengthErrors(['input', 'bio'], 'Bio', value.bio, 0, BIO_MAX));
  }
  if (input.country !== undefined) {
    value.country = input.country?.trim().toUpperCase() || null;
    if (value.country) errors.push(...countryErrors(['input', 'country'], value.country));
  }
  if (input.languages != null) {
    const languages = checkLanguages(['input', 'languages'], input.languages);
    value.languages = languages.value;
    errors.push(...languages.errors);
  }
  if (input.skills != null) {
    const skills = checkSkills(['input', 'skills'], input.skills);
    value.skills = skills.value;
    errors.push(...skills.errors);
  }
  return { value, errors };
}

export interface BecomeSellerInput {
  headline: string;
  skills: string[];
  languages: LanguageSkill[];
}

/** A seller needs a headline, and at least one skill and one language buyers can search by. */
export function validateSellerApplication(input: BecomeSellerInput): Checked<BecomeSellerInput> {
  const headline = input.headline.trim();
  const skills = checkSkills(['input', 'skills'], input.skills);
  const languages = checkLanguages(['input', 'languages'], input.languages);
  const errors = [...lengthErrors(['input', 'headline'], 'Headline', headline, HEADLINE_MIN, HEADLINE_MAX), ...skills.errors, ...languages.errors];
  if (!input.skills.length) errors.push(userError(['input', 'skills'], 'List at least one skill.', 'TOO_SHORT'));
  if (!input.languages.length) errors.push(userError(['input', 'languages'], 'List at least one language.', 'TOO_SHORT'));
  return { value: { headline, skills: skills.value, languages: languages.value }, errors };
}

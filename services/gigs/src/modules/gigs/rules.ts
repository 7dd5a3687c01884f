import { userError, type UserError } from '@gigmart/shared';
import type { PackageTier } from '../../generated/resolvers.js';

/**
 * The content rules of a gig, as plain functions: each broken rule is one user error whose field
 * is the path of the input at fault (["input", "packages", "1", "priceCents"]).
 */
export const LIMITS = {
  title: { min: 15, max: 80 },
  description: { min: 120, max: 1200 },
  tags: { min: 1, max: 5, length: 30 },
  images: { max: 3, length: 500 },
  packages: { min: 1, max: 3, name: 50, description: 300 },
  priceCents: { min: 500, max: 1_000_000 },
  deliveryDays: { min: 1, max: 90 },
  revisions: { min: 0, max: 20 },
  features: { max: 10, length: 80 },
  faqs: { max: 10, question: 200, answer: 1000 },
  requirements: { max: 10, question: 300 },
} as const;

export const TIER_ORDER: readonly PackageTier[] = ['BASIC', 'STANDARD', 'PREMIUM'];

export interface PackageInput {
  tier: PackageTier;
  name: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  revisions?: number | null;
  features?: string[] | null;
}

export interface FaqInput {
  question: string;
  answer: string;
}

export interface RequirementInput {
  question: string;
  required: boolean;
}

/** A gig's content as a create, or an update merged over the stored gig, provides it. */
export interface GigContentInput {
  title: string;
  description: string;
  tags: string[];
  images?: string[] | null;
  packages: PackageInput[];
  faqs?: FaqInput[] | null;
  requirements?: RequirementInput[] | null;
}

export interface GigPackage {
  tier: PackageTier;
  name: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  revisions: number | null;
  features: string[];
}

export interface GigContent {
  title: string;
  description: string;
  tags: string[];
  images: string[];
  packages: GigPackage[];
  faqs: FaqInput[];
  requirements: RequirementInput[];
}

type Path = (string | number)[];

function checkLength(errors: UserError[], path: Path, value: string, min: number, max: number, label: string): void {
  if (value.length < min) {
    errors.push(userError(path, min <= 1 ? `${label} must not be empty.` : `${label} must be at least ${min} characters.`, 'TOO_SHORT'));
  } else if (value.length > max) {
    errors.push(userError(path, `${label} must be at most ${max} characters.`, 'TOO_LONG'));
  }
}

function checkCount(errors: UserError[], path: Path, count: number, min: number, max: number, label: string): void {
  if (count < min) errors.push(userError(path, `Give at least ${min} ${label}.`, 'TOO_SHORT'));
  else if (count > max) errors.push(userError(path, `Give at most ${max} ${label}.`, 'TOO_LONG'));
}

function checkIntRange(errors: UserError[], path: Path, value: number, min: number, max: number, label: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(userError(path, `${label} must be a whole number from ${min} to ${max}.`, 'INVALID'));
  }
}

export function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function sortPackages<T extends { tier: PackageTier }>(packages: T[]): T[] {
  return [...packages].sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier));
}

/** Normalises and checks a gig's content. `errors` empty means `content` may be stored. */
export function validateGigContent(input: GigContentInput, prefix: Path = ['input']): { content: GigContent; errors: UserError[] } {
  const errors: UserError[] = [];
  const at = (...path: Path): Path => [...prefix, ...path];

  const title = input.title.trim().replace(/\s+/g, ' ');
  checkLength(errors, at('title'), title, LIMITS.title.min, LIMITS.title.max, 'The title');

  const description = input.description.trim();
  checkLength(errors, at('description'), description, LIMITS.description.min, LIMITS.description.max, 'The description');

  const tags = [...new Set(input.tags.map(normaliseTag))];
  checkCount(errors, at('tags'), tags.length, LIMITS.tags.min, LIMITS.tags.max, 'tags');
  input.tags.forEach((raw, i) => {
    const tag = normaliseTag(raw);
    if (tag.length === 0) errors.push(userError(at('tags', i), 'A tag must not be empty.', 'TOO_SHORT'));
    else if (tag.length > LIMITS.tags.length) errors.push(userError(at('tags', i), `A tag must be at most ${LIMITS.tags.length} characters.`, 'TOO_LONG'));
  });

  const images = (input.images ?? []).map((url) => url.trim());
  if (images.length > LIMITS.images.max) errors.push(userError(at('images'), `Give at most ${LIMITS.images.max} images.`, 'TOO_LONG'));
  images.forEach((url, i) => {
    if (url.length > LIMITS.images.length || !isHttpsUrl(url)) errors.push(userError(at('images', i), 'An image must be an https URL.', 'INVALID'));
  });

  checkCount(errors, at('packages'), input.packages.length, LIMITS.packages.min, LIMITS.packages.max, 'packages');
  const seenTiers = new Set<PackageTier>();
  const packages: GigPackage[] = input.packages.map((pkg, i) => {
    if (seenTiers.has(pkg.tier)) errors.push(userError(at('packages', i, 'tier'), `There is already a ${pkg.tier} package.`, 'TAKEN'));
    seenTiers.add(pkg.tier);
    const name = pkg.name.trim();
    checkLength(errors, at('packages', i, 'name'), name, 1, LIMITS.packages.name, 'A package name');
    const packageDescription = pkg.description.trim();
    checkLength(errors, at('packages', i, 'description'), packageDescription, 1, LIMITS.packages.description, 'A package description');
    checkIntRange(errors, at('packages', i, 'priceCents'), pkg.priceCents, LIMITS.priceCents.min, LIMITS.priceCents.max, 'The price in cents');
    checkIntRange(errors, at('packages', i, 'deliveryDays'), pkg.deliveryDays, LIMITS.deliveryDays.min, LIMITS.deliveryDays.max, 'The delivery time in days');
    const revisions = pkg.revisions ?? null;
    if (revisions !== null) checkIntRange(errors, at('packages', i, 'revisions'), revisions, LIMITS.revisions.min, LIMITS.revisions.max, 'Revisions');
    const features = (pkg.features ?? []).map((f) => f.trim());
    if (features.length > LIMITS.features.max) {
      errors.push(userError(at('packages', i, 'features'), `Give at most ${LIMITS.features.max} features per package.`, 'TOO_LONG'));
    }
    features.forEach((feature, j) => checkLength(errors, at('packages', i, 'features', j), feature, 1, LIMITS.features.length, 'A feature'));
    return { tier: pkg.tier, name, description: packageDescription, priceCents: pkg.priceCents, deliveryDays: pkg.deliveryDays, revisions, features };
  });

  const faqs = (input.faqs ?? []).map((faq) => ({ question: faq.question.trim(), answer: faq.answer.trim() }));
  if (faqs.length > LIMITS.faqs.max) errors.push(userError(at('faqs'), `Give at most ${LIMITS.faqs.max} FAQs.`, 'TOO_LONG'));
  faqs.forEach((faq, i) => {
    checkLength(errors, at('faqs', i, 'question'), faq.question, 1, LIMITS.faqs.question, 'A question');
    checkLength(errors, at('faqs', i, 'answer'), faq.answer, 1, LIMITS.faqs.answer, 'An answer');
  });

  const requirements = (input.requirements ?? []).map((r) => ({ question: r.question.trim(), required: r.required }));
  if (requirements.length > LIMITS.requirements.max) {
    errors.push(userError(at('requirements'), `Give at most ${LIMITS.requirements.max} requirements.`, 'TOO_LONG'));
  }
  requirements.forEach((r, i) => checkLength(errors, at('requirements', i, 'question'), r.question, 1, LIMITS.requirements.question, 'A question'));

  return { content: { title, description, tags, images, packages: sortPackages(packages), faqs, requirements }, errors };
}

/** What publishing needs beyond valid content; each missing piece is one user error. */
export function publishProblems(gig: { packages: { tier: PackageTier }[]; description: string; categoryKnown: boolean }): UserError[] {
  const problems: UserError[] = [];
  if (!gig.packages.some((p) => p.tier === 'BASIC')) problems.push(userError(['input', 'id'], 'Add a BASIC package before publishing.', 'INVALID_STATE'));
  if (!gig.description.trim()) problems.push(userError(['input', 'id'], 'Add a description before publishing.', 'INVALID_STATE'));
  if (!gig.categoryKnown) problems.push(userError(['input', 'id'], 'Choose a category before publishing.', 'INVALID_STATE'));
  return problems;
}

/** The cheapest package and the fastest delivery: stored, so they can be filtered and sorted on. */
export function derivedPricing(packages: Pick<GigPackage, 'priceCents' | 'deliveryDays'>[]): { startingPriceCents: number; minDeliveryDays: number } {
  return {
    startingPriceCents: Math.min(...packages.map((p) => p.priceCents)),
    minDeliveryDays: Math.min(...packages.map((p) => p.deliveryDays)),
  };
}

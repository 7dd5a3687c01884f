import {
  always,
  isSafeHttpsUrl,
  list,
  normalizeText,
  rule,
  text,
  userError,
  wholeNumber,
  type AttachedFile,
  type UserError,
} from '@gigmart/shared';
import { z } from 'zod';
import type { GigExtraKind, GigStatus, PackageTier } from '../../generated/resolvers.js';
import type { GalleryImageDoc, GigPackageTier } from './model.js';

/**
 * The rules of a gig as pure functions and zod schemas. Input is checked by `gigInputSchema`
 * through `parseInput`: each broken rule is one user error whose field is the path of the input
 * at fault (["input", "packages", "1", "priceCents"]), every broken rule at once. Every text a
 * seller types goes through the shared `text()` (NFC, no control or bidi-override characters):
 * the title, tags, package names, descriptions and features, FAQs and requirements.
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
  extras: {
    max: 10,
    title: { min: 3, max: 60 },
    description: 300,
    priceCents: { min: 500, max: 500_000 },
    customDays: { min: 0, max: 30 },
  },
} as const;

export const GIG_EXTRA_KINDS = ['EXTRA_FAST_DELIVERY', 'ADDITIONAL_REVISION', 'CUSTOM'] as const satisfies readonly GigExtraKind[];

/** The tiers a gig's packages may have (CUSTOM is the tier of orders placed from custom offers, never a package's). */
export const TIER_ORDER = ['BASIC', 'STANDARD', 'PREMIUM'] as const satisfies readonly GigPackageTier[];

/** A tag as stored and filtered on: normal text (see `normalizeText`), one line, lowercase, single spaces. */
export function normaliseTag(tag: string): string {
  return normalizeText(tag).trim().toLowerCase().replace(/\s+/g, ' ');
}

export function sortPackages<T extends { tier: GigPackageTier }>(packages: readonly T[]): T[] {
  return [...packages].sort((a, b) => TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier));
}

/** The positions of packages whose tier an earlier package already has. */
export function repeatedTiers(packages: readonly { tier: PackageTier }[]): number[] {
  const seen = new Set<PackageTier>();
  return packages.flatMap((pkg, i) => {
    const repeated = seen.has(pkg.tier);
    seen.add(pkg.tier);
    return repeated ? [i] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Input schemas

/**
 * `list()` checks every item, so a person sees every broken rule at once; a list more than twice
 * its limit (at least 10 items) is refused as a whole first, so that 100,000 empty features cost
 * one check and one user error, not 100,000.
 */
function boundedList<T extends z.ZodType>(item: T, size: Parameters<typeof list>[1]) {
  const cap = Math.max(2 * size.max, 10);
  return z
    .array(z.unknown())
    .max(cap, rule(`Give at most ${size.max} ${size.noun}.`, 'TOO_LONG'))
    .pipe(list(item, size));
}

/** An optional list: absent or null is empty. */
function optional<T extends z.ZodType<unknown[]>>(items: T) {
  return items.nullish().transform((value) => value ?? []);
}

// Runs of white space become one space once control characters are gone ("a \u0000 b" is "a b").
const title = z
  .string()
  .transform((value) => normalizeText(value).trim().replace(/\s+/g, ' '))
  .pipe(text({ label: 'The title', ...LIMITS.title }));

const tag = z
  .string()
  .transform(normaliseTag)
  .pipe(text({ label: 'A tag', min: 1, max: LIMITS.tags.length, trim: false }));

const image = z
  .string()
  .transform((url) => url.trim())
  .refine(
    (url) => url.length <= LIMITS.images.length && isSafeHttpsUrl(url),
    rule('An image must be an https:// URL without a user name or password.', 'INVALID'),
  );

const packageSchema = z.object({
  tier: z.enum(TIER_ORDER, { error: 'A package tier is BASIC, STANDARD or PREMIUM (CUSTOM is only for orders from custom offers).' }),
  name: text({ label: 'A package name', min: 1, max: LIMITS.packages.name }),
  description: text({ label: 'A package description', min: 1, max: LIMITS.packages.description }),
  priceCents: wholeNumber('The price in cents', LIMITS.priceCents),
  deliveryDays: wholeNumber('The delivery time in days', LIMITS.deliveryDays),
  /** null: unlimited. */
  revisions: wholeNumber('Revisions', LIMITS.revisions)
    .nullish()
    .transform((value) => value ?? null),
  features: optional(
    boundedList(text({ label: 'A feature', min: 1, max: LIMITS.features.length }), {
      max: LIMITS.features.max,
      noun: 'features per package',
    }),
  ),
});

const faqSchema = z.object({
  question: text({ label: 'A question', min: 1, max: LIMITS.faqs.question }),
  answer: text({ label: 'An answer', min: 1, max: LIMITS.faqs.answer, multiline: true }),
});

/**
 * A gig extra (see GigExtra): EXTRA_FAST_DELIVERY's days are the whole delivery time (1 or more,
 * fewer than every package's: checked with the packages, `extraProblems`); ADDITIONAL_REVISION's
 * days are 0; a CUSTOM extra adds 0-30 days per unit. `id` keeps an existing extra's id on update.
 */
const extraSchema = z
  .object({
    id: z
      .string()
      .nullish()
      .transform((id) => id ?? null),
    kind: z.enum(GIG_EXTRA_KINDS),
    title: text({ label: 'An extra title', ...LIMITS.extras.title }),
    description: text({ label: 'An extra description', max: LIMITS.extras.description, multiline: true })
      .nullish()
      .transform((value) => (value ? value : null)),
    priceCents: wholeNumber('The extra price in cents', LIMITS.extras.priceCents),
    days: z.number(),
  })
  .superRefine((extra, ctx) => {
    const problem = extraDaysProblem(extra.kind, extra.days);
    if (problem) ctx.addIssue({ code: 'custom', path: ['days'], ...rule(problem, 'INVALID') });
  });

/** What is wrong with an extra's days for its kind, if anything (the packages are checked apart). */
export function extraDaysProblem(kind: GigExtraKind, days: number): string | null {
  if (!Number.isInteger(days)) return 'Days must be a whole number.';
  if (kind === 'ADDITIONAL_REVISION') return days === 0 ? null : 'An additional revision adds no days: give 0.';
  if (kind === 'CUSTOM') {
    const { min, max } = LIMITS.extras.customDays;
    return days >= min && days <= max ? null : `A custom extra adds ${min} to ${max} days.`;
  }
  return days >= 1 ? null : 'Extra-fast delivery takes at least 1 day.';
}

/**
 * The rules of a gig's extras taken together with its packages: at most one EXTRA_FAST_DELIVERY and
 * one ADDITIONAL_REVISION, and fast delivery in fewer days than every package. `[index, field]` paths.
 */
export function extraProblems(
  extras: readonly { kind: GigExtraKind; days: number }[],
  packages: readonly { deliveryDays: number }[],
): { path: (string | number)[]; message: string; code: 'TAKEN' | 'INVALID' }[] {
  const problems: { path: (string | number)[]; message: string; code: 'TAKEN' | 'INVALID' }[] = [];
  const seen = new Set<GigExtraKind>();
  const fastest = Math.min(...packages.map((p) => p.deliveryDays));
  extras.forEach((extra, i) => {
    if (extra.kind !== 'CUSTOM') {
      if (seen.has(extra.kind)) problems.push({ path: [i, 'kind'], message: `There is already an ${extra.kind} extra.`, code: 'TAKEN' });
      seen.add(extra.kind);
    }
    if (extra.kind === 'EXTRA_FAST_DELIVERY' && packages.length > 0 && !(extra.days < fastest)) {
      problems.push({
        path: [i, 'days'],
        message: `Extra-fast delivery must take fewer days than every package (${fastest}).`,
        code: 'INVALID',
      });
    }
  });
  return problems;
}

const requirementSchema = z.object({
  question: text({ label: 'A question', min: 1, max: LIMITS.requirements.question }),
  required: z.boolean(),
});

/** A gig's content, as a create gives it or an update merged over the stored gig: checked and normalised. */
export const gigContentSchema = z.object({
  title,
  // Paragraphs are kept: line breaks (as \n) and tabs stay.
  description: text({ label: 'The description', ...LIMITS.description, multiline: true }),
  // Stored lowercase and once each; the limits count distinct tags.
  tags: boundedList(tag, { ...LIMITS.tags, noun: 'tags', count: (tags) => new Set(tags).size }).transform((tags) => [...new Set(tags)]),
  images: optional(boundedList(image, { max: LIMITS.images.max, noun: 'images' })),
  packages: boundedList(packageSchema, { ...LIMITS.packages, noun: 'packages' })
    .superRefine(
      (packages, ctx) => {
        for (const i of repeatedTiers(packages)) {
          ctx.addIssue({ code: 'custom', path: [i, 'tier'], ...rule(`There is already a ${packages[i]!.tier} package.`, 'TAKEN') });
        }
      },
      { when: always },
    )
    .transform(sortPackages),
  faqs: optional(boundedList(faqSchema, { max: LIMITS.faqs.max, noun: 'FAQs' })),
  requirements: optional(boundedList(requirementSchema, { max: LIMITS.requirements.max, noun: 'requirements' })),
  extras: optional(boundedList(extraSchema, { max: LIMITS.extras.max, noun: 'extras' })),
});

export type GigContentInput = z.input<typeof gigContentSchema>;
export type GigContent = z.output<typeof gigContentSchema>;
export type GigPackageContent = GigContent['packages'][number];
export type RequirementContent = GigContent['requirements'][number];
export type ExtraContent = GigContent['extras'][number];

/**
 * A create's or an update's input: the content, and the category slug given with it, which must
 * name a known category (the catalog was asked before: `unknownCategory`). Reported with the
 * content's problems, after them.
 */
export function gigInputSchema({ unknownCategory }: { unknownCategory: boolean }) {
  return gigContentSchema.superRefine(
    (content, ctx) => {
      // Runs when other fields failed too: only lists that parsed are compared.
      const { extras, packages } = content as Partial<GigContent>;
      if (Array.isArray(extras) && Array.isArray(packages)) {
        for (const p of extraProblems(extras, packages)) {
          ctx.addIssue({ code: 'custom', path: ['extras', ...p.path], ...rule(p.message, p.code) });
        }
      }
      if (unknownCategory) ctx.addIssue({ code: 'custom', path: ['categorySlug'], ...rule('There is no such category.', 'NOT_FOUND') });
    },
    { when: () => true },
  );
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules

/** What publishing needs beyond valid content; each missing piece is one user error. */
export function publishProblems(gig: {
  packages: readonly { tier: PackageTier }[];
  description: string;
  categoryKnown: boolean;
}): UserError[] {
  const problems: UserError[] = [];
  if (!gig.packages.some((p) => p.tier === 'BASIC'))
    problems.push(userError(['input', 'id'], 'Add a BASIC package before publishing.', 'INVALID_STATE'));
  if (!gig.description.trim()) problems.push(userError(['input', 'id'], 'Add a description before publishing.', 'INVALID_STATE'));
  if (!gig.categoryKnown) problems.push(userError(['input', 'id'], 'Choose a category before publishing.', 'INVALID_STATE'));
  return problems;
}

/** The cheapest package and the fastest delivery: stored, so they can be filtered and sorted on. */
export function derivedPricing(packages: readonly { priceCents: number; deliveryDays: number }[]): {
  startingPriceCents: number;
  minDeliveryDays: number;
} {
  return {
    startingPriceCents: Math.min(...packages.map((p) => p.priceCents)),
    minDeliveryDays: Math.min(...packages.map((p) => p.deliveryDays)),
  };
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: DRAFT -> ACTIVE <-> PAUSED, anything -> ARCHIVED (final).

export type GigAction = 'publish' | 'pause' | 'archive';

const TRANSITIONS: Record<GigAction, { from: GigStatus[]; to: GigStatus }> = {
  publish: { from: ['DRAFT', 'PAUSED'], to: 'ACTIVE' },
  pause: { from: ['ACTIVE'], to: 'PAUSED' },
  archive: { from: ['DRAFT', 'ACTIVE', 'PAUSED'], to: 'ARCHIVED' },
};

export function transitionOf(action: GigAction): { from: GigStatus[]; to: GigStatus } {
  return TRANSITIONS[action];
}

/**
 * 'change': apply it; 'same': already there, answer the gig as it is (a retried request is not
 * an error); 'refused': not allowed from this status.
 */
export function planTransition(action: GigAction, status: GigStatus): 'change' | 'same' | 'refused' {
  const { from, to } = TRANSITIONS[action];
  if (status === to) return 'same';
  return from.includes(status) ? 'change' : 'refused';
}

/** Content can change until a gig is archived. */
export function canEditContent(status: GigStatus): boolean {
  return status !== 'ARCHIVED';
}

/** At most this many uploaded images in a gig's gallery (besides the 3 https image URLs). */
export const MAX_GALLERY_IMAGES = 5;

/** createGig's and updateGig's imageIds: at most 5 (null: none, or on an update, the gallery as it is). */
export const galleryInput = z.object({
  imageIds: list(z.string(), { max: MAX_GALLERY_IMAGES, noun: 'gallery images' }).nullish(),
});

/** The gallery as stored: each file with its widest rendition's permanent link (1200 pixels, or the original's width when narrower). */
export function galleryOf(files: readonly AttachedFile[]): GalleryImageDoc[] {
  return files.map((file) => {
    const widest = [...file.renditions].sort((a, b) => b.width - a.width)[0];
    return { fileId: file.id, url: widest?.url ?? file.url ?? '' };
  });
}

/** Gig.images: the gallery's links first, then the https URLs given. */
export function imagesOf(gig: { images: readonly string[]; gallery?: readonly GalleryImageDoc[] }): string[] {
  return [...(gig.gallery ?? []).map((image) => image.url), ...gig.images];
}

import { isSafeHttpsUrl, parseInput, UserErrorsException, type UserError } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import type { GigPackageInput } from '../../generated/resolvers.js';
import {
  canEditContent,
  derivedPricing,
  gigContentSchema,
  gigInputSchema,
  planTransition,
  publishProblems,
  type GigContentInput,
} from './rules.js';

const pkg = (overrides: Partial<GigPackageInput> = {}): GigPackageInput => ({
  tier: 'BASIC',
  name: 'Basic',
  description: 'One concept',
  priceCents: 2500,
  deliveryDays: 3,
  revisions: 2,
  features: ['1 concept'],
  ...overrides,
});

const valid = (overrides: Partial<GigContentInput> = {}): GigContentInput => ({
  title: 'I will design a modern logo',
  description: 'x'.repeat(150),
  tags: ['logo'],
  images: ['https://images.gigmart.example/a.png'],
  packages: [pkg()],
  faqs: [{ question: 'Q?', answer: 'A.' }],
  requirements: [{ question: 'Brand name?', required: true }],
  ...overrides,
});

/** The user errors `parseInput` reports for this input (none when it is valid). */
function userErrors(run: () => unknown): UserError[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof UserErrorsException) return error.userErrors;
    throw error;
  }
}

/** "path:CODE" of every error, for compact assertions. */
function problems(input: GigContentInput): string[] {
  return userErrors(() => parseInput(gigContentSchema, input)).map((e) => `${e.field?.join('.')}:${e.code}`);
}

describe('gigContentSchema', () => {
  it('accepts valid content and normalises it', () => {
    const input = valid({
      title: '  I will   design a modern logo ',
      tags: [' Logo ', 'logo', 'Brand  Identity'],
      packages: [pkg({ tier: 'PREMIUM', priceCents: 9000 }), pkg()],
    });
    expect(problems(input)).toEqual([]);
    const content = parseInput(gigContentSchema, input);
    expect(content.title).toBe('I will design a modern logo');
    expect(content.tags).toEqual(['logo', 'brand identity']);
    expect(content.packages.map((p) => p.tier)).toEqual(['BASIC', 'PREMIUM']);
  });

  it('collapses the white space a removed control character leaves, in titles and tags', () => {
    const content = parseInput(gigContentSchema, valid({ title: 'I will \u0000 design a\u202E logo', tags: ['brand \u0000 identity'] }));
    expect(content.title).toBe('I will design a logo');
    expect(content.tags).toEqual(['brand identity']);
  });

  it.each([
    ['title too short', { title: 'Short title' }, 'input.title:TOO_SHORT'],
    ['title too long', { title: 'x'.repeat(81) }, 'input.title:TOO_LONG'],
    ['description too short', { description: 'x'.repeat(119) }, 'input.description:TOO_SHORT'],
    ['description too long', { description: 'x'.repeat(1201) }, 'input.description:TOO_LONG'],
    ['no tags', { tags: [] }, 'input.tags:TOO_SHORT'],
    ['six tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'input.tags:TOO_LONG'],
    ['empty tag', { tags: ['logo', '  '] }, 'input.tags.1:TOO_SHORT'],
    ['long tag', { tags: ['x'.repeat(31)] }, 'input.tags.0:TOO_LONG'],
    ['four images', { images: Array.from({ length: 4 }, (_, i) => `https://x.example/${i}.png`) }, 'input.images:TOO_LONG'],
    ['http image', { images: ['http://x.example/a.png'] }, 'input.images.0:INVALID'],
    ['not a url', { images: ['picture.png'] }, 'input.images.0:INVALID'],
    ['no packages', { packages: [] }, 'input.packages:TOO_SHORT'],
    [
      'four packages',
      { packages: [pkg(), pkg({ tier: 'STANDARD' }), pkg({ tier: 'PREMIUM' }), pkg({ tier: 'PREMIUM' })] },
      'input.packages:TOO_LONG',
    ],
    ['duplicate tier', { packages: [pkg(), pkg()] }, 'input.packages.1.tier:TAKEN'],
    ['price too low', { packages: [pkg({ priceCents: 499 })] }, 'input.packages.0.priceCents:INVALID'],
    ['price too high', { packages: [pkg({ priceCents: 1_000_001 })] }, 'input.packages.0.priceCents:INVALID'],
    ['zero delivery days', { packages: [pkg({ deliveryDays: 0 })] }, 'input.packages.0.deliveryDays:INVALID'],
    ['91 delivery days', { packages: [pkg({ deliveryDays: 91 })] }, 'input.packages.0.deliveryDays:INVALID'],
    ['negative revisions', { packages: [pkg({ revisions: -1 })] }, 'input.packages.0.revisions:INVALID'],
    ['21 revisions', { packages: [pkg({ revisions: 21 })] }, 'input.packages.0.revisions:INVALID'],
    ['11 features', { packages: [pkg({ features: Array.from({ length: 11 }, (_, i) => `f${i}`) })] }, 'input.packages.0.features:TOO_LONG'],
    ['empty package name', { packages: [pkg({ name: ' ' })] }, 'input.packages.0.name:TOO_SHORT'],
    ['11 faqs', { faqs: Array.from({ length: 11 }, () => ({ question: 'Q', answer: 'A' })) }, 'input.faqs:TOO_LONG'],
    ['empty faq answer', { faqs: [{ question: 'Q', answer: '' }] }, 'input.faqs.0.answer:TOO_SHORT'],
    [
      '11 requirements',
      { requirements: Array.from({ length: 11 }, () => ({ question: 'Q', required: true })) },
      'input.requirements:TOO_LONG',
    ],
    ['empty requirement', { requirements: [{ question: ' ', required: true }] }, 'input.requirements.0.question:TOO_SHORT'],
  ])('%s', (_name, overrides, expected) => {
    expect(problems(valid(overrides as Partial<GigContentInput>))).toContain(expected);
  });

  it('accepts the bounds themselves', () => {
    expect(
      problems(
        valid({
          title: 'x'.repeat(15),
          description: 'x'.repeat(1200),
          tags: ['a', 'b', 'c', 'd', 'e'],
          images: ['https://a.example/1', 'https://a.example/2', 'https://a.example/3'],
          packages: [
            pkg({ priceCents: 500, deliveryDays: 1, revisions: 0 }),
            pkg({
              tier: 'STANDARD',
              priceCents: 1_000_000,
              deliveryDays: 90,
              revisions: 20,
              features: Array.from({ length: 10 }, (_, i) => `f${i}`),
            }),
            pkg({ tier: 'PREMIUM', revisions: null }),
          ],
          faqs: Array.from({ length: 10 }, () => ({ question: 'Q', answer: 'A' })),
          requirements: Array.from({ length: 10 }, () => ({ question: 'Q', required: false })),
        }),
      ),
    ).toEqual([]);
  });

  it('reports several broken rules at once', () => {
    expect(problems(valid({ title: 'short', tags: [], packages: [pkg({ priceCents: 1 })] }))).toHaveLength(3);
  });

  it('keeps the messages a person reads', () => {
    const errors = userErrors(() =>
      parseInput(
        gigContentSchema,
        valid({ title: 'short', tags: ['a', 'b', 'c', 'd', 'e', 'f'], packages: [pkg(), pkg({ deliveryDays: 0 })] }),
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: ['input', 'title'], code: 'TOO_SHORT', message: 'The title must be at least 15 characters.' },
        { field: ['input', 'tags'], code: 'TOO_LONG', message: 'Give at most 5 tags.' },
        { field: ['input', 'packages', '1', 'tier'], code: 'TAKEN', message: 'There is already a BASIC package.' },
        {
          field: ['input', 'packages', '1', 'deliveryDays'],
          code: 'INVALID',
          message: 'The delivery time in days must be a whole number from 1 to 90.',
        },
      ]),
    );
  });

  it("counts distinct tags, and checks a list's size and its items together", () => {
    expect(problems(valid({ tags: ['logo', 'Logo', ' LOGO ', 'a', 'b', 'c', 'd'] }))).toEqual([]);
    expect(problems(valid({ tags: ['a', 'b', 'c', 'd', 'e', ' '] }))).toEqual(['input.tags.5:TOO_SHORT', 'input.tags:TOO_LONG']);
  });

  it('refuses a list far beyond its limit as a whole, without checking its items', () => {
    const many = Array.from({ length: 100_000 }, () => '');
    expect(problems(valid({ packages: [pkg({ features: many })] }))).toEqual(['input.packages.0.features:TOO_LONG']);
    expect(problems(valid({ tags: many }))).toEqual(['input.tags:TOO_LONG']);
    expect(problems(valid({ images: many }))).toEqual(['input.images:TOO_LONG']);
    expect(problems(valid({ faqs: many.map(() => ({ question: '', answer: '' })) }))).toEqual(['input.faqs:TOO_LONG']);
    expect(problems(valid({ requirements: many.map(() => ({ question: '', required: true })) }))).toEqual(['input.requirements:TOO_LONG']);
    expect(problems(valid({ packages: many.map(() => pkg({ priceCents: 0 })) }))).toEqual(['input.packages:TOO_LONG']);
    // Up to twice the limit (at least 10), every item is still checked.
    expect(problems(valid({ packages: [pkg({ features: many.slice(0, 20) })] }))).toHaveLength(21);
    expect(problems(valid({ packages: [pkg({ features: many.slice(0, 21) })] }))).toEqual(['input.packages.0.features:TOO_LONG']);
  });

  it("reports an unknown category after the content's problems", () => {
    const errors = (unknownCategory: boolean, input: GigContentInput) =>
      userErrors(() => parseInput(gigInputSchema({ unknownCategory }), input)).map((e) => `${e.field?.join('.')}:${e.code}`);
    expect(errors(false, valid())).toEqual([]);
    expect(errors(true, valid())).toEqual(['input.categorySlug:NOT_FOUND']);
    expect(errors(true, valid({ title: 'short' }))).toEqual(['input.title:TOO_SHORT', 'input.categorySlug:NOT_FOUND']);
  });
});

describe('image URLs', () => {
  it.each([
    'https://images.gigmart.example/logo-1.png',
    'https://images.gigmart.example:8443/a/b.png?size=large#top',
    'https://xn--bcher-kva.example/b.png',
    'HTTPS://IMAGES.GIGMART.EXAMPLE/A.PNG',
  ])('accepts %s', (url) => {
    expect(isSafeHttpsUrl(url)).toBe(true);
    expect(problems(valid({ images: [url] }))).toEqual([]);
  });

  it.each([
    // The probe's examples: a backslash the URL parser reads as a slash, and credentials in the URL.
    'https:\\\\evil.example',
    'https:\\\\evil.example\\a.png',
    'https://images.gigmart.example\\@evil.example/a.png',
    'https://user:pass@host.example/a.png',
    'https://user@host.example/a.png',
    'https://:pass@host.example/a.png',
    // Not https, or no host.
    'http://images.gigmart.example/a.png',
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'https:///a.png',
    '//images.gigmart.example/a.png',
    'images.gigmart.example/a.png',
    // White space and control characters the parser would silently drop or encode.
    'https://images.gig\tmart.example/a.png',
    'https://images.gigmart.example/a b.png',
    'https://images.gigmart.exa\nmple/a.png',
    'https://images.gigmart.example/a.png\u0000',
  ])('refuses %j', (url) => {
    expect(isSafeHttpsUrl(url)).toBe(false);
    expect(problems(valid({ images: [url] }))).toEqual(['input.images.0:INVALID']);
  });

  it('refuses a URL longer than 500 characters', () => {
    expect(problems(valid({ images: [`https://a.example/${'x'.repeat(490)}`] }))).toEqual(['input.images.0:INVALID']);
  });
});

describe('publishProblems and derived pricing', () => {
  it('needs a BASIC package and a known category', () => {
    expect(publishProblems({ packages: [{ tier: 'BASIC' }], description: 'd', categoryKnown: true })).toEqual([]);
    expect(publishProblems({ packages: [{ tier: 'PREMIUM' }], description: 'd', categoryKnown: false }).map((p) => p.code)).toEqual([
      'INVALID_STATE',
      'INVALID_STATE',
    ]);
  });

  it('keeps the cheapest price and the fastest delivery', () => {
    expect(
      derivedPricing([
        { priceCents: 9000, deliveryDays: 2 },
        { priceCents: 2500, deliveryDays: 5 },
      ]),
    ).toEqual({
      startingPriceCents: 2500,
      minDeliveryDays: 2,
    });
  });
});

describe('planTransition', () => {
  it.each([
    ['publish', 'DRAFT', 'change'],
    ['publish', 'PAUSED', 'change'],
    ['publish', 'ACTIVE', 'same'],
    ['publish', 'ARCHIVED', 'refused'],
    ['pause', 'ACTIVE', 'change'],
    ['pause', 'PAUSED', 'same'],
    ['pause', 'DRAFT', 'refused'],
    ['pause', 'ARCHIVED', 'refused'],
    ['archive', 'DRAFT', 'change'],
    ['archive', 'ACTIVE', 'change'],
    ['archive', 'PAUSED', 'change'],
    ['archive', 'ARCHIVED', 'same'],
  ] as const)('%s from %s: %s', (action, status, expected) => {
    expect(planTransition(action, status)).toBe(expected);
  });

  it('freezes archived content', () => {
    expect(canEditContent('ARCHIVED')).toBe(false);
    expect(canEditContent('PAUSED')).toBe(true);
  });
});

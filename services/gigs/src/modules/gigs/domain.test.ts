import type { GigStatus, Viewer } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { escapeRegex, gigWords, normaliseWords, prefixPattern, queryWords } from './keywords.js';
import { canEditContent, planTransition } from './lifecycle.js';
import { slugCandidates, slugify } from './slug.js';
import { canArchiveGig, canEditGig, canViewGig, canViewReferencedGig, listableStatuses } from './visibility.js';

const SELLER = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const viewer = (id: string, roles: Viewer['roles'] = ['BUYER']): Viewer => ({ id, roles, tokenId: 't' });
const seller = viewer(SELLER, ['BUYER', 'SELLER']);
const other = viewer('bbbbbbbbbbbbbbbbbbbbbbbb');
const admin = viewer('cccccccccccccccccccccccc', ['BUYER', 'ADMIN']);

describe('canViewGig', () => {
  // status -> [anonymous, another member, the seller, an admin]
  const table: Record<GigStatus, [boolean, boolean, boolean, boolean]> = {
    DRAFT: [false, false, true, false],
    ACTIVE: [true, true, true, true],
    PAUSED: [true, true, true, true],
    ARCHIVED: [false, false, true, true],
  };
  for (const [status, expected] of Object.entries(table) as Array<[GigStatus, boolean[]]>) {
    it(`${status}: anonymous ${expected[0]}, other ${expected[1]}, seller ${expected[2]}, admin ${expected[3]}`, () => {
      const gig = { status, sellerId: SELLER };
      expect([null, other, seller, admin].map((v) => canViewGig(gig, v))).toEqual(expected);
    });
  }

  it('resolves references (an order\'s or a review\'s gig) for every status but DRAFT', () => {
    const cases: Record<GigStatus, boolean[]> = {
      DRAFT: [false, false, true, false],
      ACTIVE: [true, true, true, true],
      PAUSED: [true, true, true, true],
      ARCHIVED: [true, true, true, true],
    };
    for (const [status, expected] of Object.entries(cases) as Array<[GigStatus, boolean[]]>) {
      const gig = { status, sellerId: SELLER };
      expect([null, other, seller, admin].map((v) => canViewReferencedGig(gig, v)), status).toEqual(expected);
    }
  });

  it('lets the seller list every status, others ACTIVE and PAUSED', () => {
    expect(listableStatuses(SELLER, seller)).toEqual(['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED']);
    expect(listableStatuses(SELLER, other)).toEqual(['ACTIVE', 'PAUSED']);
    expect(listableStatuses(SELLER, admin)).toEqual(['ACTIVE', 'PAUSED']);
    expect(listableStatuses(SELLER, null)).toEqual(['ACTIVE', 'PAUSED']);
  });

  it('lets only the seller edit, the seller or an admin archive', () => {
    const gig = { status: 'ACTIVE' as const, sellerId: SELLER };
    expect([null, other, seller, admin].map((v) => canEditGig(gig, v))).toEqual([false, false, true, false]);
    expect([null, other, seller, admin].map((v) => canArchiveGig(gig, v))).toEqual([false, false, true, true]);
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

describe('slugs', () => {
  it('derives a URL-safe slug from the title', () => {
    expect(slugify('I will design a Modern Logo!')).toBe('i-will-design-a-modern-logo');
    expect(slugify('  Café & Crème — branding  ')).toBe('cafe-creme-branding');
    expect(slugify('!!!')).toBe('gig');
    expect(slugify('word '.repeat(30)).length).toBeLessThanOrEqual(60);
    expect(slugify('word '.repeat(30))).not.toMatch(/-$/);
  });

  it('offers the bare slug first, then suffixed ones', () => {
    let n = 0;
    expect(slugCandidates('Nice Logo', 3, () => String((n += 1)))).toEqual(['nice-logo', 'nice-logo-1', 'nice-logo-2']);
  });
});

describe('keywords', () => {
  it('lowercases, folds accents, splits on punctuation and deduplicates', () => {
    expect(normaliseWords('Logo LOGOS, café-Design! logo')).toEqual(['logo', 'logos', 'cafe', 'design']);
    expect(queryWords('  ')).toEqual([]);
    expect(queryWords(null)).toEqual([]);
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('keeps title, tag and description words apart and unites them in keywords', () => {
    const words = gigWords({ title: 'Modern Logo', tags: ['brand identity'], description: 'Vector files included' });
    expect(words.titleWords).toEqual(['modern', 'logo']);
    expect(words.tagWords).toEqual(['brand', 'identity']);
    expect(words.keywords).toEqual(['modern', 'logo', 'brand', 'identity', 'vector', 'files', 'included']);
  });

  it('escapes regex metacharacters so a query is plain text, anchored at the word start', () => {
    expect(escapeRegex('a.b*c+(d)[e]{f}|g^h$i?j\\k/l-m')).toBe('a\\.b\\*c\\+\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\?j\\\\k\\/l\\-m');
    const pattern = prefixPattern('lo.o');
    expect(pattern.test('lo.o')).toBe(true);
    expect(pattern.test('logo')).toBe(false);
    expect(prefixPattern('logo').test('logos')).toBe(true);
    expect(prefixPattern('logo').test('mylogo')).toBe(false);
  });
});

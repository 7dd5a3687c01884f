import { describe, expect, it } from 'vitest';
import { MAX_SLUG_LENGTH, slugCandidates, slugify } from './slug.js';

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

  it('never makes a slug longer than MAX_SLUG_LENGTH', () => {
    for (const candidate of slugCandidates('x'.repeat(80))) expect(candidate.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slugCandidates('x'.repeat(80))[1]).toHaveLength(MAX_SLUG_LENGTH);
  });
});

import { randomBytes } from 'node:crypto';

const MAX_BASE = 60;
const SUFFIX = 7; // "-3fa9c1"

/** No slug is longer: a longer one names no gig, and is answered without a query. */
export const MAX_SLUG_LENGTH = MAX_BASE + SUFFIX;

/** "I will design a Modern Logo!" -> "i-will-design-a-modern-logo". */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/g, '');
  return base || 'gig';
}

/**
 * Candidates in the order they are tried: the bare slug, then with a short random suffix. Random
 * rather than "-2", "-3": counting needs a read before every insert and still races; the unique
 * index decides and a collision just moves to the next candidate.
 */
export function slugCandidates(title: string, attempts = 5, random: () => string = () => randomBytes(3).toString('hex')): string[] {
  const base = slugify(title);
  return [base, ...Array.from({ length: attempts - 1 }, () => `${base}-${random()}`)];
}

import type { OrderStatus, SellerLevel } from './gql/graphql';

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const formatDate = (iso: string): string => date.format(new Date(iso));

export const levelLabel: Record<SellerLevel, string> = {
  NEW: 'New seller',
  LEVEL_ONE: 'Level 1',
  LEVEL_TWO: 'Level 2',
  TOP_RATED: 'Top Rated',
};

export const statusLabel: Record<OrderStatus, string> = {
  AWAITING_REQUIREMENTS: 'Awaiting requirements',
  IN_PROGRESS: 'In progress',
  DELIVERED: 'Delivered',
  IN_REVISION: 'In revision',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  DISPUTED: 'Disputed',
};

export function formatRating(rating: { average: number | null; count: number }): string {
  if (rating.average === null || rating.count === 0) return 'No reviews yet';
  return `★ ${rating.average.toFixed(1)} (${rating.count})`;
}

export const revisionsLabel = (revisions: number | null): string =>
  revisions === null ? 'Unlimited revisions' : `${revisions} revision${revisions === 1 ? '' : 's'}`;

/** "a, b ,c" -> ["a", "b", "c"] */
export const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Dollars typed by a person -> integer cents; NaN when not a number. */
export const dollarsToCents = (text: string): number => Math.round(Number.parseFloat(text) * 100);

/** A whole number typed by a person ("7", " 12 "); null when it is not one. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

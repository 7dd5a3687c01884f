import { rule, text } from '@gigmart/shared';
import { z } from 'zod';

/** The rules of a review and its response. Pure. */

export const COMMENT_MIN = 10;
export const COMMENT_MAX = 1000;
export const RESPONSE_MAX = 1000;

/** An overall or sub-rating: a whole number of stars. */
const stars = z.number().refine((n) => Number.isInteger(n) && n >= 1 && n <= 5, rule('A rating is a whole number from 1 to 5.'));
const optionalStars = stars.nullish().transform((n) => n ?? null);

export const leaveReviewInput = z.object({
  orderId: z.string(),
  rating: stars,
  communication: optionalStars,
  serviceAsDescribed: optionalStars,
  recommend: optionalStars,
  comment: text({ label: 'A comment', min: COMMENT_MIN, max: COMMENT_MAX }),
});

export const respondToReviewInput = z.object({
  reviewId: z.string(),
  response: text({ label: 'A response', min: 1, max: RESPONSE_MAX }),
});

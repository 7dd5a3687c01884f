import { parseInput } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { refusals } from '../../../test/harness.js';
import { leaveReviewInput, respondToReviewInput } from './rules.js';

describe('leaveReview input', () => {
  it('takes whole stars from 1 to 5, optional sub-ratings as null, and the comment trimmed', () => {
    expect(parseInput(leaveReviewInput, { orderId: 'o', rating: 5, communication: 1, comment: '  Great logo, fast work!  ' })).toEqual({
      orderId: 'o',
      rating: 5,
      communication: 1,
      serviceAsDescribed: null,
      recommend: null,
      comment: 'Great logo, fast work!',
    });
  });

  it('reports every broken rule at once, in the order of the input', () => {
    const stars = 'A rating is a whole number from 1 to 5.';
    expect(
      refusals(leaveReviewInput, {
        orderId: 'o',
        rating: 6,
        communication: 0,
        serviceAsDescribed: 2.5,
        recommend: 3,
        comment: 'Too short',
      }),
    ).toEqual([
      ['input.rating', 'INVALID', stars],
      ['input.communication', 'INVALID', stars],
      ['input.serviceAsDescribed', 'INVALID', stars],
      ['input.comment', 'TOO_SHORT', 'A comment must be at least 10 characters.'],
    ]);
    expect(refusals(leaveReviewInput, { orderId: 'o', rating: 5, comment: 'x'.repeat(1001) })).toEqual([
      ['input.comment', 'TOO_LONG', 'A comment must be at most 1000 characters.'],
    ]);
    expect(refusals(leaveReviewInput, { orderId: 'o', rating: 5, comment: `  ${'x'.repeat(9)}   ` })).toEqual([
      ['input.comment', 'TOO_SHORT', 'A comment must be at least 10 characters.'],
    ]);
  });
});

describe('respondToReview input', () => {
  it('needs a response of 1-1000 characters, trimmed', () => {
    expect(parseInput(respondToReviewInput, { reviewId: 'r', response: ' Thank you! ' }).response).toBe('Thank you!');
    expect(refusals(respondToReviewInput, { reviewId: 'r', response: '  ' })).toEqual([
      ['input.response', 'TOO_SHORT', 'A response must not be empty.'],
    ]);
    expect(refusals(respondToReviewInput, { reviewId: 'r', response: 'x'.repeat(1001) })).toEqual([
      ['input.response', 'TOO_LONG', 'A response must be at most 1000 characters.'],
    ]);
  });
});

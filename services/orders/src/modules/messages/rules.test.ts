import { parseInput } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { refusals } from '../../../test/harness.js';
import { sendOrderMessageInput } from './rules.js';

describe('sendOrderMessage input', () => {
  it('takes a message of 1-2000 characters, trimmed and counted in characters', () => {
    expect(parseInput(sendOrderMessageInput, { orderId: 'o', body: '  Sure thing.  ' }).body).toBe('Sure thing.');
    expect(parseInput(sendOrderMessageInput, { orderId: 'o', body: '👍'.repeat(2000) }).body).toHaveLength(4000);
    expect(refusals(sendOrderMessageInput, { orderId: 'o', body: '  ' })).toEqual([
      ['input.body', 'TOO_SHORT', 'A message must not be empty.'],
    ]);
    expect(refusals(sendOrderMessageInput, { orderId: 'o', body: 'x'.repeat(2001) })).toEqual([
      ['input.body', 'TOO_LONG', 'A message must be at most 2000 characters.'],
    ]);
  });
});

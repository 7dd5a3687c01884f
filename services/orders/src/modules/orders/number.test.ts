import { describe, expect, it } from 'vitest';
import { newOrderNumber, ORDER_NUMBER_ALPHABET, ORDER_NUMBER_PATTERN } from './number.js';

describe('order numbers', () => {
  it('are FO + 8 characters without look-alikes', () => {
    for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(ORDER_NUMBER_ALPHABET).not.toContain(lookAlike);
    const numbers = Array.from({ length: 2000 }, newOrderNumber);
    for (const n of numbers) expect(n).toMatch(ORDER_NUMBER_PATTERN);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Every character of the alphabet turns up: the draw is not stuck on a subset.
    expect(new Set(numbers.map((n) => n.slice(2)).join('')).size).toBe(ORDER_NUMBER_ALPHABET.length);
  });
});

import { describe, expect, it } from 'vitest';
import { fieldFor, pathKey, type UserErrorLike } from '../src/userErrors.js';

const error = (field: string[] | null): UserErrorLike => ({ field, message: 'bad', code: 'INVALID' });

describe('placing userErrors beside form fields', () => {
  const fields = ['input.title', 'input.packages.0.priceCents', 'input.packages', 'input.requirements'];

  it('puts an error at the field its path names', () => {
    expect(fieldFor(error(['input', 'title']), fields)).toBe('input.title');
    expect(fieldFor(error(['input', 'packages', '0', 'priceCents']), fields)).toBe('input.packages.0.priceCents');
  });

  it('puts an error below a field at the closest field that contains it', () => {
    expect(fieldFor(error(['input', 'requirements', '2', 'question']), fields)).toBe('input.requirements');
    expect(fieldFor(error(['input', 'packages', '1', 'deliveryDays']), fields)).toBe('input.packages');
  });

  it('leaves errors without a field, or for a field the form does not show, to the form', () => {
    expect(fieldFor(error(null), fields)).toBeNull();
    expect(fieldFor(error(['input', 'faqs', '0']), fields)).toBeNull();
    // A shared prefix of characters is not a parent path.
    expect(fieldFor(error(['input', 'titleSuffix']), fields)).toBeNull();
  });

  it('keys paths the way forms name fields', () => {
    expect(pathKey(['input', 'answers', '3', 'answer'])).toBe('input.answers.3.answer');
    expect(pathKey(null)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserErrorsException } from './errors.js';
import { normalizeText, parseInput, rule, text } from './validation.js';

function userErrorsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof UserErrorsException) return error.userErrors;
    throw error;
  }
  return [];
}

describe('normalizeText', () => {
  it.each([
    ['NFC', 'Jose\u0301', 'José'],
    ['NUL and other controls', 'a\u0000b\u0007c\u009Fd', 'abcd'],
    ['bidi overrides and isolates', 'abc\u202Egpj.exe\u2066x\u2069', 'abcgpj.exex'],
    ['line breaks in a single-line field', 'Ada\r\nLovelace\tjr', 'Ada Lovelace jr'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps line breaks and tabs where text is multi-line', () => {
    expect(normalizeText('one\r\ntwo\rthree\tfour\u0000', { multiline: true })).toBe('one\ntwo\nthree\tfour');
  });

  it('keeps markup: text is plain text, escaped by whoever shows it', () => {
    expect(normalizeText('<b>bold</b> & "quoted"')).toBe('<b>bold</b> & "quoted"');
  });
});

describe('parseInput', () => {
  const input = z.object({
    name: text({ label: 'A name', min: 2, max: 5 }),
    bio: text({ label: 'A bio', max: 10, multiline: true }).optional(),
    tags: z.array(z.string()).min(1).max(2),
    price: z.number().int().min(500),
    site: z.string().refine((v) => v.startsWith('https://'), rule('Use an https:// link.', 'INVALID')),
  });

  it('returns the cleaned value', () => {
    expect(parseInput(input, { name: '  Ad\u0000a ', tags: ['x'], price: 500, site: 'https://a' })).toEqual({
      name: 'Ada',
      tags: ['x'],
      price: 500,
      site: 'https://a',
    });
  });

  it("reports every broken rule at once with the contract's codes and the input path", () => {
    const errors = userErrorsOf(() =>
      parseInput(input, { name: '\u202E\u0000 x ', bio: 'é'.repeat(11), tags: [], price: 499.5, site: 'http://a' }),
    );
    expect(errors).toEqual([
      { field: ['input', 'name'], message: 'A name must be at least 2 characters.', code: 'TOO_SHORT' },
      { field: ['input', 'bio'], message: 'A bio must be at most 10 characters.', code: 'TOO_LONG' },
      { field: ['input', 'tags'], message: expect.any(String) as string, code: 'TOO_SHORT' },
      { field: ['input', 'price'], message: expect.any(String) as string, code: 'INVALID' },
      { field: ['input', 'site'], message: 'Use an https:// link.', code: 'INVALID' },
    ]);
  });

  it('counts characters, not UTF-16 units, after normalizing', () => {
    expect(userErrorsOf(() => parseInput(input, { name: '😀😀😀', tags: ['x'], price: 500, site: 'https://a' }))).toEqual([]);
    expect(
      userErrorsOf(() => parseInput(input, { name: 'e\u0301e\u0301e\u0301e\u0301e\u0301', tags: ['x'], price: 500, site: 'https://a' })),
    ).toEqual([]);
  });
});

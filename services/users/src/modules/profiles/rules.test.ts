import { userErrorsFromZod } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { canSeePrivateFields, profileUpdateInput, sellerApplicationInput, uniqueSkills } from './rules.js';

/** The cleaned value and every broken rule, as `parseInput` reports them. */
function validate<S extends z.ZodType>(schema: S, input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? { value: result.data, errors: [] } : { value: null, errors: userErrorsFromZod(result.error) };
}
const validateProfileUpdate = (input: unknown) => validate(profileUpdateInput, input);
const validateSellerApplication = (input: unknown) => validate(sellerApplicationInput, input);

describe('profileUpdateInput', () => {
  it('sets only the fields given; null or empty clears optional ones', () => {
    expect(validateProfileUpdate({ bio: ' Hello ' })).toEqual({ value: { bio: 'Hello' }, errors: [] });
    expect(validateProfileUpdate({ avatarUrl: null, bio: '', country: null })).toEqual({
      value: { avatarUrl: null, bio: null, country: null },
      errors: [],
    });
    expect(validateProfileUpdate({ displayName: null, languages: null, skills: null })).toEqual({ value: {}, errors: [] });
  });

  it('normalises codes: country uppercase, languages lowercase; skills trimmed and de-duplicated', () => {
    const { value, errors } = validateProfileUpdate({
      country: 'de',
      languages: [{ code: 'EN', level: 'NATIVE' }],
      skills: [' Logo design ', 'logo DESIGN', 'SEO'],
    });
    expect(errors).toEqual([]);
    expect(value).toEqual({ country: 'DE', languages: [{ code: 'en', level: 'NATIVE' }], skills: ['Logo design', 'SEO'] });
  });

  it('keeps a bio’s lines and drops what text() drops; nothing left clears it', () => {
    expect(validateProfileUpdate({ bio: ' One\r\ntwo\u0000\u202E\n\tthree <b>x</b> ' }).value).toEqual({
      bio: 'One\ntwo\n\tthree <b>x</b>',
    });
    expect(validateProfileUpdate({ bio: '\u0000 \u202E', avatarUrl: ' ', country: '\u200E' }).value).toEqual({
      bio: null,
      avatarUrl: null,
      country: null,
    });
    expect(validateProfileUpdate({ displayName: 'Ze\u0301 \u0000<i>x</i>\n' }).value).toEqual({ displayName: 'Zé <i>x</i>' });
    expect(validateProfileUpdate({ avatarUrl: ' https://cdn.example.com/a.png ', country: ' de ' }).value).toEqual({
      avatarUrl: 'https://cdn.example.com/a.png',
      country: 'DE',
    });
  });

  it('reports every broken rule with its path', () => {
    const { errors } = validateProfileUpdate({
      displayName: '',
      avatarUrl: 'http://example.com/a.png',
      bio: 'x'.repeat(601),
      country: 'XX',
      languages: [
        { code: 'en', level: 'FLUENT' },
        { code: 'zz', level: 'BASIC' },
        { code: 'en', level: 'BASIC' },
      ],
      skills: ['a', 'x'.repeat(31)],
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'displayName'], 'TOO_SHORT'],
      [['input', 'avatarUrl'], 'INVALID'],
      [['input', 'bio'], 'TOO_LONG'],
      [['input', 'country'], 'INVALID'],
      [['input', 'languages', '1', 'code'], 'INVALID'],
      [['input', 'languages', '2', 'code'], 'INVALID'],
      [['input', 'skills', '0'], 'TOO_SHORT'],
      [['input', 'skills', '1'], 'TOO_LONG'],
    ]);
  });

  it('accepts https avatars and a 600 character bio; refuses non-URLs', () => {
    expect(validateProfileUpdate({ avatarUrl: 'https://cdn.example.com/a.png', bio: 'x'.repeat(600) }).errors).toEqual([]);
    expect(validateProfileUpdate({ avatarUrl: 'not a url' }).errors[0]?.code).toBe('INVALID');
    expect(validateProfileUpdate({ avatarUrl: 'javascript:alert(1)' }).errors[0]?.code).toBe('INVALID');
  });

  it('says what is wrong in words a person reads', () => {
    expect(
      validateProfileUpdate({
        displayName: ' ',
        avatarUrl: `https://example.com/${'a'.repeat(2048)}`,
        bio: 'x'.repeat(601),
        country: 'XX',
        languages: [
          { code: 'zz', level: 'BASIC' },
          { code: 'de', level: 'BASIC' },
          { code: ' DE ', level: 'FLUENT' },
        ],
        skills: ['a', 'x'.repeat(31)],
      }).errors,
    ).toEqual([
      { field: ['input', 'displayName'], code: 'TOO_SHORT', message: 'Display name must not be empty.' },
      { field: ['input', 'avatarUrl'], code: 'TOO_LONG', message: 'The avatar URL must be at most 2048 characters.' },
      { field: ['input', 'bio'], code: 'TOO_LONG', message: 'Bio must be at most 600 characters.' },
      { field: ['input', 'country'], code: 'INVALID', message: 'Use an ISO 3166-1 alpha-2 country code, e.g. "DE" or "US".' },
      { field: ['input', 'languages', '0', 'code'], code: 'INVALID', message: 'Use an ISO 639-1 language code, e.g. "en" or "de".' },
      { field: ['input', 'languages', '2', 'code'], code: 'INVALID', message: 'Each language may be listed once.' },
      { field: ['input', 'skills', '0'], code: 'TOO_SHORT', message: 'A skill must be at least 2 characters.' },
      { field: ['input', 'skills', '1'], code: 'TOO_LONG', message: 'A skill must be at most 30 characters.' },
    ]);
    expect(validateProfileUpdate({ avatarUrl: 'http://example.com/a.png' }).errors).toEqual([
      {
        field: ['input', 'avatarUrl'],
        code: 'INVALID',
        message: 'The avatar URL must be an https:// URL, e.g. https://example.com/picture.png.',
      },
    ]);
  });

  it('limits lists: 10 languages, 15 skills', () => {
    const codes = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'ja', 'ko'];
    const languages = codes.map((code) => ({ code, level: 'BASIC' as const }));
    expect(validateProfileUpdate({ languages: languages.slice(0, 10) }).errors).toEqual([]);
    expect(validateProfileUpdate({ languages }).errors).toEqual([
      expect.objectContaining({ field: ['input', 'languages'], code: 'TOO_LONG' }),
    ]);
    const skills = Array.from({ length: 16 }, (_, i) => `skill ${i}`);
    expect(validateProfileUpdate({ skills: skills.slice(0, 15) }).errors).toEqual([]);
    expect(validateProfileUpdate({ skills }).errors).toEqual([expect.objectContaining({ field: ['input', 'skills'], code: 'TOO_LONG' })]);
    // Repeats do not count against the limit.
    expect(validateProfileUpdate({ skills: [...skills.slice(0, 15), 'SKILL 0'] })).toEqual({
      value: { skills: skills.slice(0, 15) },
      errors: [],
    });
  });
});

describe('sellerApplicationInput', () => {
  const application = {
    headline: 'I design logos people remember',
    skills: ['logo design'],
    languages: [{ code: 'en', level: 'FLUENT' as const }],
  };

  it('accepts a complete application', () => {
    expect(validateSellerApplication(application).errors).toEqual([]);
  });

  it('needs a 10-70 character headline, a skill and a language', () => {
    expect(validateSellerApplication({ headline: 'Too short', skills: [], languages: [] }).errors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'headline'], 'TOO_SHORT'],
      [['input', 'skills'], 'TOO_SHORT'],
      [['input', 'languages'], 'TOO_SHORT'],
    ]);
    expect(validateSellerApplication({ ...application, headline: 'x'.repeat(71) }).errors[0]?.code).toBe('TOO_LONG');
    expect(validateSellerApplication({ headline: ' Too short ', skills: [], languages: [] }).errors.map((e) => e.message)).toEqual([
      'Headline must be at least 10 characters.',
      'List at least one skill.',
      'List at least one language.',
    ]);
  });

  it('cleans the application like a profile update', () => {
    expect(
      validateSellerApplication({
        headline: '  Logos people remember ',
        skills: [' Logo ', 'logo', 'SEO'],
        languages: [{ code: 'EN', level: 'FLUENT' }],
      }).value,
    ).toEqual({
      headline: 'Logos people remember',
      skills: ['Logo', 'SEO'],
      languages: [{ code: 'en', level: 'FLUENT' }],
    });
  });
});

describe('uniqueSkills and canSeePrivateFields', () => {
  it.each([
    [
      ['a', 'A', 'b'],
      ['a', 'b'],
    ],
    [
      ['Logo design', 'logo DESIGN', 'SEO', 'seo'],
      ['Logo design', 'SEO'],
    ],
    [[], []],
  ])('uniqueSkills(%j) = %j', (input, expected) => {
    expect(uniqueSkills(input)).toEqual(expected);
  });

  const member = { id: 'm1', roles: ['BUYER' as const], tokenId: 't' };
  const admin = { id: 'a1', roles: ['BUYER' as const, 'ADMIN' as const], tokenId: 't' };
  it.each([
    ['the member', member, true],
    ['an admin', admin, true],
    ['another member', { ...member, id: 'm2' }, false],
    ['an anonymous caller', null, false],
  ])("%s may see m1's email and roles: %s", (_who, viewer, expected) => {
    expect(canSeePrivateFields(viewer, 'm1')).toBe(expected);
  });
});

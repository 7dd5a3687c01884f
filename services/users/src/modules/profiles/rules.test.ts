import { describe, expect, it } from 'vitest';
import { validateProfileUpdate, validateSellerApplication } from './rules.js';

describe('validateProfileUpdate', () => {
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

  it('reports every broken rule with its path', () => {
    const { errors } = validateProfileUpdate({
      displayName: '',
      avatarUrl: 'http://example.com/a.png',
      bio: 'x'.repeat(601),
      country: 'XX',
      languages: [{ code: 'en', level: 'FLUENT' }, { code: 'zz', level: 'BASIC' }, { code: 'en', level: 'BASIC' }],
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

  it('limits lists: 10 languages, 15 skills', () => {
    const codes = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'pl', 'ja', 'ko'];
    const languages = codes.map((code) => ({ code, level: 'BASIC' as const }));
    expect(validateProfileUpdate({ languages: languages.slice(0, 10) }).errors).toEqual([]);
    expect(validateProfileUpdate({ languages }).errors).toEqual([expect.objectContaining({ field: ['input', 'languages'], code: 'TOO_LONG' })]);
    const skills = Array.from({ length: 16 }, (_, i) => `skill ${i}`);
    expect(validateProfileUpdate({ skills: skills.slice(0, 15) }).errors).toEqual([]);
    expect(validateProfileUpdate({ skills }).errors).toEqual([expect.objectContaining({ field: ['input', 'skills'], code: 'TOO_LONG' })]);
  });
});

describe('validateSellerApplication', () => {
  const application = { headline: 'I design logos people remember', skills: ['logo design'], languages: [{ code: 'en', level: 'FLUENT' as const }] };

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
  });
});

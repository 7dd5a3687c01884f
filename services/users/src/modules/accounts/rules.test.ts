import { describe, expect, it } from 'vitest';
import { parseLogin, validateSignUp } from './rules.js';

const valid = { email: ' Ada@Example.COM ', password: 'correct horse', username: ' Ada_Lovelace ', displayName: '  Ada  ' };

describe('validateSignUp', () => {
  it('cleans a valid sign-up: trimmed, email and username lowercased, password untouched', () => {
    const { value, errors } = validateSignUp({ ...valid, password: ' spaces kept ' });
    expect(errors).toEqual([]);
    expect(value).toEqual({ email: 'ada@example.com', password: ' spaces kept ', username: 'ada_lovelace', displayName: 'Ada' });
  });

  it('reports every broken rule at once, each with its field and code', () => {
    const { errors } = validateSignUp({ email: 'not-an-email', password: 'short', username: 'a!', displayName: '   ' });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      [['input', 'email'], 'INVALID'],
      [['input', 'password'], 'TOO_SHORT'],
      [['input', 'username'], 'TOO_SHORT'],
      [['input', 'username'], 'INVALID'],
      [['input', 'displayName'], 'TOO_SHORT'],
    ]);
  });

  it.each([
    ['email', { email: `${'a'.repeat(250)}@example.com` }, 'TOO_LONG'],
    ['email', { email: 'a@b' }, 'INVALID'],
    ['email', { email: 'two@@example.com' }, 'INVALID'],
    ['password', { password: 'x'.repeat(129) }, 'TOO_LONG'],
    ['password', { password: '1234567' }, 'TOO_SHORT'],
    ['username', { username: 'a'.repeat(21) }, 'TOO_LONG'],
    ['username', { username: 'has space' }, 'INVALID'],
    ['username', { username: 'dash-ed' }, 'INVALID'],
    ['displayName', { displayName: 'x'.repeat(51) }, 'TOO_LONG'],
  ])('%s %j -> %s', (field, override, code) => {
    const { errors } = validateSignUp({ ...valid, ...override });
    expect(errors).toEqual([expect.objectContaining({ field: ['input', field], code })]);
  });

  it('accepts the boundaries: 8 and 128 character passwords, 3 and 20 character usernames, 50 character names', () => {
    expect(validateSignUp({ ...valid, password: 'x'.repeat(8), username: 'abc', displayName: 'y'.repeat(50) }).errors).toEqual([]);
    expect(validateSignUp({ ...valid, password: 'x'.repeat(128), username: 'a'.repeat(20) }).errors).toEqual([]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateSignUp({ ...valid, password: '🔑'.repeat(8) }).errors).toEqual([]);
    expect(validateSignUp({ ...valid, displayName: '😀'.repeat(50) }).errors).toEqual([]);
  });
});

describe('parseLogin', () => {
  it('takes a login with an @ as an email, anything else as a username, both case-insensitively', () => {
    expect(parseLogin(' Ada@Example.com ')).toEqual({ email: 'ada@example.com' });
    expect(parseLogin('Ada_Lovelace')).toEqual({ username: 'ada_lovelace' });
  });
});

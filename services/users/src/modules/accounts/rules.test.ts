import { userErrorsFromZod } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { changePasswordInput, parseLogin, signUpInput } from './rules.js';

/** The cleaned value and every broken rule, as `parseInput` reports them. */
function validateSignUp(input: Record<string, string>) {
  const result = signUpInput.safeParse(input);
  return result.success ? { value: result.data, errors: [] } : { value: null, errors: userErrorsFromZod(result.error) };
}

const valid = { email: ' Ada@Example.COM ', password: 'correct horse', username: ' Ada_Lovelace ', displayName: '  Ada  ' };

describe('signUpInput', () => {
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

  it('says what is wrong in words a person reads', () => {
    const { errors } = validateSignUp({ email: 'x'.repeat(255), password: 'x'.repeat(129), username: 'a!', displayName: 'y'.repeat(51) });
    expect(errors).toEqual([
      { field: ['input', 'email'], code: 'TOO_LONG', message: 'Email must be at most 254 characters.' },
      { field: ['input', 'password'], code: 'TOO_LONG', message: 'Password must be at most 128 characters.' },
      { field: ['input', 'username'], code: 'TOO_SHORT', message: 'Username must be at least 3 characters.' },
      { field: ['input', 'username'], code: 'INVALID', message: 'Username may contain only lowercase letters, digits and underscores.' },
      { field: ['input', 'displayName'], code: 'TOO_LONG', message: 'Display name must be at most 50 characters.' },
    ]);
    expect(validateSignUp({ ...valid, email: 'nope', password: 'short', username: '', displayName: ' ' }).errors).toEqual([
      { field: ['input', 'email'], code: 'INVALID', message: 'Enter a valid email address, e.g. name@example.com.' },
      { field: ['input', 'password'], code: 'TOO_SHORT', message: 'Password must be at least 8 characters.' },
      { field: ['input', 'username'], code: 'TOO_SHORT', message: 'Username must be at least 3 characters.' },
      { field: ['input', 'displayName'], code: 'TOO_SHORT', message: 'Display name must not be empty.' },
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(validateSignUp({ ...valid, password: '🔑'.repeat(8) }).errors).toEqual([]);
    expect(validateSignUp({ ...valid, displayName: '😀'.repeat(50) }).errors).toEqual([]);
  });
});

describe('changePasswordInput', () => {
  it('holds the new password to the sign-up rules and leaves the current one alone', () => {
    expect(changePasswordInput.safeParse({ currentPassword: 'x', newPassword: ' long enough ' }).data).toEqual({ currentPassword: 'x', newPassword: ' long enough ' });
    const result = changePasswordInput.safeParse({ currentPassword: 'x', newPassword: 'short' });
    expect(result.error && userErrorsFromZod(result.error)).toEqual([{ field: ['input', 'newPassword'], code: 'TOO_SHORT', message: 'Password must be at least 8 characters.' }]);
  });
});

describe('parseLogin', () => {
  it('takes a login with an @ as an email, anything else as a username, both case-insensitively', () => {
    expect(parseLogin(' Ada@Example.com ')).toEqual({ email: 'ada@example.com' });
    expect(parseLogin('Ada_Lovelace')).toEqual({ username: 'ada_lovelace' });
  });
});

import { userErrorsFromZod } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { changePasswordInput, isRepetitive, parseLogin, signUpInput } from './rules.js';

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
    expect(validateSignUp({ ...valid, password: 'kq3#vXp9', username: 'abc', displayName: 'y'.repeat(50) }).errors).toEqual([]);
    expect(validateSignUp({ ...valid, password: 'kq3#vXp9'.repeat(16), username: 'a'.repeat(20) }).errors).toEqual([]);
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
    expect(validateSignUp({ ...valid, password: '🔑🐙🌵🎲🚲🧩🍋🪁' }).errors).toEqual([]);
    expect(validateSignUp({ ...valid, displayName: '😀'.repeat(50) }).errors).toEqual([]);
  });
});

describe('changePasswordInput', () => {
  const member = { username: 'ada_lovelace', email: 'countess@example.com' };
  it('holds the new password to the sign-up rules and leaves the current one alone', () => {
    expect(changePasswordInput(member).safeParse({ currentPassword: 'x', newPassword: ' long enough ' }).data).toEqual({
      currentPassword: 'x',
      newPassword: ' long enough ',
    });
    const result = changePasswordInput(member).safeParse({ currentPassword: 'x', newPassword: 'short' });
    expect(result.error && userErrorsFromZod(result.error)).toEqual([
      { field: ['input', 'newPassword'], code: 'TOO_SHORT', message: 'Password must be at least 8 characters.' },
    ]);
  });

  it("refuses the member's own names in the new password", () => {
    const result = changePasswordInput(member).safeParse({ currentPassword: 'x', newPassword: 'Lady of the Analytical Engine' });
    expect(result.success).toBe(true);
    const named = changePasswordInput(member).safeParse({ currentPassword: 'x', newPassword: 'COUNTESS 1815 ada_LOVELACE' });
    expect(named.error && userErrorsFromZod(named.error)).toEqual([
      { field: ['input', 'newPassword'], code: 'INVALID', message: 'Password must not contain your username.' },
      {
        field: ['input', 'newPassword'],
        code: 'INVALID',
        message: 'Password must not contain the part of your email address before the @.',
      },
    ]);
  });
});

describe('passwords (NIST SP 800-63B)', () => {
  const passwordErrors = (password: string, names: Partial<typeof valid> = {}) =>
    validateSignUp({ ...valid, email: 'g.hopper@example.com', username: 'grace_h', ...names, password }).errors;

  it.each([
    ['a top common password', '12345678', 'This password is one of the most common ones, on lists of leaked passwords: choose another.'],
    ['"password"', 'password', 'This password is one of the most common ones, on lists of leaked passwords: choose another.'],
    [
      'a common password in other case',
      'PassWord1',
      'This password is one of the most common ones, on lists of leaked passwords: choose another.',
    ],
    ['eight spaces', ' '.repeat(8), 'Password must not be one character repeated, only spaces, or a run like 12345678 or abcdefgh.'],
    [
      'other white space only',
      ' \u00a0\u2003 \u00a0\u2003  ',
      'Password must not be one character repeated, only spaces, or a run like 12345678 or abcdefgh.',
    ],
    [
      'one character repeated',
      'zzzzzzzzzzzz',
      'Password must not be one character repeated, only spaces, or a run like 12345678 or abcdefgh.',
    ],
    ['a run up', 'bcdefghijk', 'Password must not be one character repeated, only spaces, or a run like 12345678 or abcdefgh.'],
    ['a run down', 'zyxwvutsr', 'Password must not be one character repeated, only spaces, or a run like 12345678 or abcdefgh.'],
    ['a tab', 'correct\thorse', 'Password must not contain control characters (such as NUL, tabs or line breaks).'],
    ['a line break', 'correct\nhorse', 'Password must not contain control characters (such as NUL, tabs or line breaks).'],
    ['a C1 control character', 'correct\u0085horse', 'Password must not contain control characters (such as NUL, tabs or line breaks).'],
    ['the username', 'Grace_H!', 'Password must not contain your username.'],
    ['the username inside', 'my grace_h password', 'Password must not contain your username.'],
  ])('refuses %s (INVALID)', (_name, password, message) => {
    expect(passwordErrors(password)).toEqual([{ field: ['input', 'password'], code: 'INVALID', message }]);
  });

  it('refuses eight NUL characters once, for the control characters', () => {
    expect(passwordErrors('\u0000'.repeat(8))).toEqual([
      {
        field: ['input', 'password'],
        code: 'INVALID',
        message: 'Password must not contain control characters (such as NUL, tabs or line breaks).',
      },
    ]);
  });

  it("refuses the email's local part, in any case; names under 3 characters are not looked for", () => {
    expect(passwordErrors('HOPPER.G-2026', { email: 'Hopper.G@navy.example' })).toEqual([
      { field: ['input', 'password'], code: 'INVALID', message: 'Password must not contain the part of your email address before the @.' },
    ]);
    expect(passwordErrors('grace_h grace_h', { email: 'grace_h@example.com' })).toEqual([
      { field: ['input', 'password'], code: 'INVALID', message: 'Password must not contain your username.' },
    ]);
    expect(passwordErrors('glad to be here', { email: 'gl@example.com' })).toEqual([]);
  });

  it('keeps the length rules first: a short common password is TOO_SHORT only', () => {
    expect(passwordErrors('123').map((e) => e.code)).toEqual(['TOO_SHORT']);
    expect(passwordErrors('grace_h').map((e) => e.code)).toEqual(['TOO_SHORT']);
  });

  it('accepts passphrases, spaces, symbols and any script, untouched', () => {
    for (const password of [
      'correct horse battery',
      '  leading and trailing  ',
      'Tr0ub4dor&3',
      'пароль-для-входа',
      '🔑🐙🌵🎲🚲🧩🍋🪁',
      'ab'.repeat(4),
    ]) {
      const { value, errors } = validateSignUp({ ...valid, password });
      expect(errors, password).toEqual([]);
      expect(value?.password).toBe(password);
    }
  });

  it('isRepetitive: one character, white space only, or a run', () => {
    expect(['aaaaaaaa', '        ', 'abcdefgh', 'hgfedcba', '34567890'.slice(0, 7)].map(isRepetitive)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['abcdefgi', 'aaaaaaab', 'a b c d '].map(isRepetitive)).toEqual([false, false, false]);
  });
});

describe('parseLogin', () => {
  it('takes a login with an @ as an email, anything else as a username, both case-insensitively', () => {
    expect(parseLogin(' Ada@Example.com ')).toEqual({ email: 'ada@example.com' });
    expect(parseLogin('Ada_Lovelace')).toEqual({ username: 'ada_lovelace' });
  });
});

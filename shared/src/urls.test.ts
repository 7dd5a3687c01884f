import { describe, expect, it } from 'vitest';
import { userErrorsFromZod } from './validation.js';
import { httpsUrl, isSafeHttpsUrl } from './urls.js';

describe('httpsUrl / isSafeHttpsUrl', () => {
  it.each([
    'https://example.com',
    'https://cdn.example.com/avatars/ada.png',
    'HTTPS://CDN.Example.com/a.png',
    'https://cdn.example.com:8443/a.png?size=64&fmt=webp#top',
    'https://cdn.example.com/a%20b.png',
    'https://bücher.example/umschlag.jpg',
    'https://cdn.example.com/a.png#@fragment',
    'https://[2001:db8::1]/a.png',
  ])('accepts %s', (url) => {
    expect(isSafeHttpsUrl(url)).toBe(true);
    expect(httpsUrl('The URL').safeParse(url)).toEqual({ success: true, data: url });
  });

  it.each([
    ['a backslash for the slashes', 'https:\\\\evil.example/a.png', 'The URL must not contain backslashes.'],
    ['a backslash after one slash', 'https:/\\evil.example', 'The URL must not contain backslashes.'],
    ['a backslash in the path', 'https://cdn.example.com\\@evil.example/', 'The URL must not contain backslashes.'],
    ['a user and password', 'https://user:pass@cdn.example.com/a.png', 'The URL must not contain a user name or password.'],
    ['a host that is a user name', 'https://cdn.example.com@evil.example/a.png', 'The URL must not contain a user name or password.'],
    ['empty user info', 'https://@evil.example/a.png', 'The URL must not contain a user name or password.'],
    ['a space', 'https://cdn.example.com/a b.png', 'The URL must not contain spaces or control characters.'],
    ['a leading space', ' https://cdn.example.com/a.png', 'The URL must not contain spaces or control characters.'],
    ['a tab inside the host', 'https://cdn.exa\tmple.com/', 'The URL must not contain spaces or control characters.'],
    ['a line break', 'https://cdn.example.com/a.png\n', 'The URL must not contain spaces or control characters.'],
    ['a NUL', 'https://cdn.example.com/\u0000.png', 'The URL must not contain spaces or control characters.'],
    ['a no-break space', 'https://cdn.example.com/a\u00a0b.png', 'The URL must not contain spaces or control characters.'],
    ['a bidi override', 'https://cdn.example.com/\u202Egnp.exe', 'The URL must not contain spaces or control characters.'],
    ['a zero-width space', 'https://cdn.exam\u200Bple.com/', 'The URL must not contain spaces or control characters.'],
    ['http', 'http://cdn.example.com/a.png', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['no slashes', 'https:evil.example/a.png', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['one slash', 'https:/evil.example/a.png', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['javascript', 'javascript:alert(1)', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['data', 'data:image/png;base64,AAAA', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['no host', 'https://', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['a host the parser refuses', 'https://exa%mple.com/', 'The URL must be an https:// URL, e.g. https://example.com/picture.png.'],
    ['not a URL', 'not a url', 'The URL must not contain spaces or control characters.'],
  ])('refuses %s (INVALID)', (_name, url, message) => {
    expect(isSafeHttpsUrl(url)).toBe(false);
    const result = httpsUrl('The URL').safeParse(url);
    expect(result.error && userErrorsFromZod(result.error, ['input', 'url'])).toEqual([
      { field: ['input', 'url'], code: 'INVALID', message },
    ]);
  });

  it('refuses more than max characters (2048 unless told) as TOO_LONG, alone', () => {
    const long = `https://cdn.example.com/${'a'.repeat(2048)}`;
    expect(isSafeHttpsUrl(long)).toBe(false);
    const result = httpsUrl('The avatar URL').safeParse(`${long} b`);
    expect(result.error && userErrorsFromZod(result.error, [])).toEqual([
      { field: [], code: 'TOO_LONG', message: 'The avatar URL must be at most 2048 characters.' },
    ]);
    expect(httpsUrl('An image URL', { max: 30 }).safeParse('https://cdn.example.com/abcdefgh.png').success).toBe(false);
    expect(isSafeHttpsUrl('https://cdn.example.com/a.png', 30)).toBe(true);
  });

  it('isSafeHttpsUrl is false for what is not a string', () => {
    expect([null, undefined, 42, { href: 'https://example.com' }].map((v) => isSafeHttpsUrl(v))).toEqual([false, false, false, false]);
  });
});

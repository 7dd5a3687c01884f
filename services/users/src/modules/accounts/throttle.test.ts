import { describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE, retryAfterSeconds, throttleKeys, windowStart } from './throttle.js';

const WINDOW = 15 * 60_000;

describe('throttle windows', () => {
  it('puts times into fixed 15-minute windows', () => {
    expect(windowStart(new Date('2026-11-24T10:00:00.000Z'), WINDOW).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(windowStart(new Date('2026-11-24T10:14:59.999Z'), WINDOW).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(windowStart(new Date('2026-11-24T10:15:00.000Z'), WINDOW).toISOString()).toBe('2026-11-24T10:15:00.000Z');
  });

  it('says how long until the window ends, at least a second', () => {
    expect(retryAfterSeconds(new Date('2026-11-24T10:00:00.000Z'), WINDOW)).toBe(900);
    expect(retryAfterSeconds(new Date('2026-11-24T10:14:30.000Z'), WINDOW)).toBe(30);
    expect(retryAfterSeconds(new Date('2026-11-24T10:14:59.999Z'), WINDOW)).toBe(1);
  });

  it('allows 5 checks per account and 20 per address in a window', () => {
    const keys = throttleKeys(LOGIN_THROTTLE, { userId: 'u1' }, '10.0.0.1');
    expect(keys).toEqual([
      { key: 'account:u1', limit: 5 },
      { key: 'address:10.0.0.1', limit: 20 },
    ]);
  });

  it('counts an unknown login under its own name, like an account', () => {
    expect(throttleKeys(LOGIN_THROTTLE, { login: 'ghost' }, '::1')[0]).toEqual({ key: 'login:ghost', limit: 5 });
  });
});

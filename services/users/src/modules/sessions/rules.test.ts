import { describe, expect, it } from 'vitest';
import { hashRefreshToken, REFRESH_REFUSALS, REFRESH_TOKEN_TTL_MS, refreshRefusal, spendRecordCutoff } from './rules.js';

const now = new Date('2026-11-24T10:00:00.000Z');
const later = new Date(now.getTime() + 1);

describe('refresh rules', () => {
  it.each([
    ['a live token', { expiresAt: later }, false, null],
    ['a token of a revoked family', { expiresAt: later }, true, 'revoked'],
    ['a token expiring now', { expiresAt: now }, false, 'expired'],
    ['an expired token of a revoked family', { expiresAt: now }, true, 'revoked'],
  ] as const)('%s: %s', (_name, session, revoked, expected) => {
    expect(refreshRefusal(session, revoked, now)).toBe(expected);
  });

  it('stores a token as its SHA-256 in hex, never the token', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashRefreshToken('abd')).not.toBe(hashRefreshToken('abc'));
  });

  it('keeps a spend record one token lifetime past the cleanup cutoff', () => {
    expect(now.getTime() - spendRecordCutoff(now).getTime()).toBe(REFRESH_TOKEN_TTL_MS);
    expect(REFRESH_TOKEN_TTL_MS).toBe(30 * 24 * 60 * 60_000);
  });

  it('tells the member to log in again, and why', () => {
    for (const message of Object.values(REFRESH_REFUSALS)) expect(message).toMatch(/log in again\.$/);
    expect(REFRESH_REFUSALS.reused).toMatch(/already used/);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, DummyPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

describe('passwords', () => {
  it('hashes with a random salt and stores the parameters; verifies only the right password', async () => {
    const a = await hashPassword('correct horse', CHEAP);
    const b = await hashPassword('correct horse', CHEAP);
    expect(a).toMatchObject({ algorithm: 'scrypt', ...CHEAP });
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a.hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, so old hashes keep working after a raise', async () => {
    const old = await hashPassword('pw-123456', { ...CHEAP, N: 2 ** 9 });
    expect(await verifyPassword('pw-123456', old)).toBe(true);
    expect(needsRehash(old, CHEAP)).toBe(true);
    expect(needsRehash(CHEAP, CHEAP)).toBe(false);
  });

  it('uses memory-hard defaults', () => {
    expect(DEFAULT_SCRYPT_PARAMS.N * DEFAULT_SCRYPT_PARAMS.r * 128).toBeGreaterThanOrEqual(32 * 1024 * 1024);
  });

  it('runs a dummy check that always fails', async () => {
    expect(await new DummyPasswordCheck(CHEAP).run('anything')).toBe(false);
  });
});

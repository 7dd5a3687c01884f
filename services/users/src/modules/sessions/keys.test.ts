import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_PRIVATE_KEY_FILE, generateSigningKeys, loadSigningKeys } from './keys.js';

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'users-keys-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('signing keys', () => {
  it('publish only public EC P-256 parts with kid, alg and use', () => {
    const keys = generateSigningKeys();
    expect(keys.jwks.keys).toHaveLength(1);
    const [jwk] = keys.jwks.keys;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: keys.kid, alg: 'ES256', use: 'sig' });
    expect(Object.keys(jwk!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(jwk!.x).toMatch(/^[\w-]{43}$/);
    expect(jwk!.y).toMatch(/^[\w-]{43}$/);
    expect(jwk).not.toHaveProperty('d');
  });

  it('development: generated once into DATA_DIR/keys (private, 0600) and reused; concurrent starts agree', async () => {
    const dataDir = await tempDir();
    const [a, b] = await Promise.all([
      loadSigningKeys({ nodeEnv: 'development', dataDir }),
      loadSigningKeys({ nodeEnv: 'development', dataDir }),
    ]);
    expect(a.kid).toBe(b.kid);
    const again = await loadSigningKeys({ nodeEnv: 'development', dataDir });
    expect(again.kid).toBe(a.kid);
    const file = path.join(dataDir, 'keys', DEV_PRIVATE_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toContain('PRIVATE KEY');
  });

  it('development: publishes every *.pub.pem in the keys directory as a previous key', async () => {
    const dataDir = await tempDir();
    const first = await loadSigningKeys({ nodeEnv: 'development', dataDir });
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(path.join(dataDir, 'keys', 'old.pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
    const rotated = await loadSigningKeys({ nodeEnv: 'development', dataDir });
    expect(rotated.kid).toBe(first.kid);
    expect(rotated.jwks.keys).toHaveLength(2);
    expect(rotated.jwks.keys[0]?.kid).toBe(first.kid);
  });

  it('production: requires JWT_PRIVATE_KEY_FILE and uses it with the previous public keys', async () => {
    const dir = await tempDir();
    await expect(loadSigningKeys({ nodeEnv: 'production', dataDir: dir })).rejects.toThrow(/JWT_PRIVATE_KEY_FILE/);
    const current = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const previous = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(path.join(dir, 'current.pem'), current.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await writeFile(path.join(dir, 'previous.pub.pem'), previous.publicKey.export({ format: 'pem', type: 'spki' }));
    const keys = await loadSigningKeys({
      nodeEnv: 'production',
      dataDir: '/nonexistent',
      privateKeyFile: path.join(dir, 'current.pem'),
      previousPublicKeyFiles: [path.join(dir, 'previous.pub.pem')],
    });
    expect(keys.jwks.keys).toHaveLength(2);
    expect(keys.jwks.keys.every((k) => !('d' in k))).toBe(true);
  });

  it('refuses a key that is not P-256', async () => {
    const dir = await tempDir();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(path.join(dir, 'rsa.pem'), rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    await expect(loadSigningKeys({ nodeEnv: 'production', dataDir: dir, privateKeyFile: path.join(dir, 'rsa.pem') })).rejects.toThrow(
      /P-256/,
    );
  });
});

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ACCESS_TOKEN_ALGORITHM } from '@gigmart/shared';
import { calculateJwkThumbprint, type JWK } from 'jose';

/**
 * The users service's signing keys: the current private key (ES256, P-256) and the public keys
 * the JWKS publishes, i.e. the current one plus any previous ones kept so tokens signed before a
 * rotation stay valid until they expire.
 */
export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  jwks: { keys: JWK[] };
}

export const DEV_PRIVATE_KEY_FILE = 'jwt-signing-key.pem';
/** Files in the keys directory ending so are published as previous keys. */
export const PREVIOUS_PUBLIC_KEY_SUFFIX = '.pub.pem';

function assertP256(key: KeyObject, source: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${source}: expected an EC P-256 key (ES256)`);
  }
}

async function publicJwk(publicKey: KeyObject): Promise<JWK> {
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
}

/** Builds the key set from a private key and previous public keys (PEM or KeyObject). */
export async function signingKeysFrom(privateKey: KeyObject, previous: KeyObject[] = []): Promise<SigningKeys> {
  assertP256(privateKey, 'signing key');
  const current = await publicJwk(createPublicKey(privateKey));
  const older = await Promise.all(previous.map(async (key) => (assertP256(key, 'previous key'), publicJwk(key))));
  const keys = [current, ...older.filter((k, i, all) => k.kid !== current.kid && all.findIndex((o) => o.kid === k.kid) === i)];
  return { kid: current.kid!, privateKey, jwks: { keys } };
}

/** A fresh in-memory key pair (tests, or a service started without a data directory). */
export async function generateSigningKeys(previous: KeyObject[] = []): Promise<SigningKeys> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return signingKeysFrom(privateKey, previous);
}

export interface KeySource {
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  /** PEM (PKCS#8 or SEC1) private key; required in production. */
  privateKeyFile?: string | undefined;
  /** PEM public keys still accepted after a rotation. */
  previousPublicKeyFiles?: readonly string[] | undefined;
}

/**
 * Production reads JWT_PRIVATE_KEY_FILE and nothing else. Development generates a key on first
 * start into DATA_DIR/keys and reuses it afterwards, so restarts log nobody out; every
 * `*.pub.pem` in that directory is published as a previous key.
 */
export async function loadSigningKeys(source: KeySource): Promise<SigningKeys> {
  const previousFiles = [...(source.previousPublicKeyFiles ?? [])];
  let privatePem: string;
  if (source.privateKeyFile) {
    privatePem = await readFile(source.privateKeyFile, 'utf8');
  } else if (source.nodeEnv === 'production') {
    throw new Error('JWT_PRIVATE_KEY_FILE is required in production (a PEM EC P-256 private key)');
  } else {
    const dir = path.resolve(source.dataDir, 'keys');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    privatePem = await readOrCreateDevKey(path.join(dir, DEV_PRIVATE_KEY_FILE));
    const entries = await readdir(dir);
    previousFiles.push(...entries.filter((name) => name.endsWith(PREVIOUS_PUBLIC_KEY_SUFFIX)).map((name) => path.join(dir, name)));
  }
  const previous = await Promise.all(previousFiles.map(async (file) => createPublicKey(await readFile(file, 'utf8'))));
  return signingKeysFrom(createPrivateKey(privatePem), previous);
}

async function readOrCreateDevKey(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  // 'wx' fails if another process wrote the key first: then theirs is the one everybody uses.
  await writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return readFile(file, 'utf8');
}

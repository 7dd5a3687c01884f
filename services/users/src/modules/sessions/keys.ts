import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ACCESS_TOKEN_ALGORITHM, type Jwks, type PublicJwk } from '@gigmart/shared';

/**
 * The users service's signing keys: the current private key (ES256, P-256) and the public keys
 * the JWKS publishes, i.e. the current one plus any previous ones kept so tokens signed before a
 * rotation stay valid until they expire.
 */
export interface SigningKeys {
  kid: string;
  privateKey: KeyObject;
  jwks: Jwks;
}

export const DEV_PRIVATE_KEY_FILE = 'jwt-signing-key.pem';
/** Files in the keys directory ending so are published as previous keys. */
export const PREVIOUS_PUBLIC_KEY_SUFFIX = '.pub.pem';

function assertP256(key: KeyObject, source: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${source}: expected an EC P-256 key (ES256)`);
  }
}

/** The key's RFC 7638 thumbprint: SHA-256 of its required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string; y: string }): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** The public half as the JWKS publishes it: EC P-256, its thumbprint as `kid`, for ES256 signatures. */
function publicJwk(publicKey: KeyObject): PublicJwk {
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  if (kty !== 'EC' || !crv || !x || !y) throw new Error('expected the public half of an EC key');
  return { kty, crv, x, y, kid: jwkThumbprint({ crv, kty, x, y }), alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
}

/** Builds the key set from a private key and previous public keys. */
export function signingKeysFrom(privateKey: KeyObject, previous: KeyObject[] = []): SigningKeys {
  assertP256(privateKey, 'signing key');
  const current = publicJwk(createPublicKey(privateKey));
  const older = previous.map((key) => (assertP256(key, 'previous key'), publicJwk(key)));
  const keys = [current, ...older.filter((k, i, all) => k.kid !== current.kid && all.findIndex((o) => o.kid === k.kid) === i)];
  return { kid: current.kid, privateKey, jwks: { keys } };
}

/** A fresh in-memory key pair (tests, or a service started without a data directory). */
export function generateSigningKeys(previous: KeyObject[] = []): SigningKeys {
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

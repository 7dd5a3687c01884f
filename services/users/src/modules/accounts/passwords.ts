import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters; stored with every hash so they can be raised without breaking old ones. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

export interface PasswordHash extends ScryptParams {
  algorithm: 'scrypt';
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

/** 2^15 x 8 x 128 bytes = 32 MiB per hash: memory-hard, about 0.1 s here. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 };

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params);
  return { algorithm: 'scrypt', ...params, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(password, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a hash was made with weaker parameters than today's: rehash it at the next log-in. */
export function needsRehash(stored: ScryptParams, current: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  return stored.N < current.N || stored.r < current.r || stored.p < current.p || stored.keyLength < current.keyLength;
}

/**
 * For a log-in whose account does not exist: the same scrypt work as a real check, so the answer
 * takes as long as a wrong password and does not tell which accounts exist.
 */
export class DummyPasswordCheck {
  private dummy: Promise<PasswordHash> | null = null;

  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS) {}

  async run(password: string): Promise<false> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'), this.params);
    await verifyPassword(password, await this.dummy);
    return false;
  }
}

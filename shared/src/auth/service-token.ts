import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { Agent } from 'undici';

/**
 * Services call each other's internal endpoints (never exposed by the gateway) with a shared
 * service credential in this header. Production sets SERVICE_TOKEN; development generates one
 * into DATA_DIR on first start, which every local process then reads.
 */
export const SERVICE_TOKEN_HEADER = 'x-service-token';

export async function resolveServiceToken(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.resolve(dataDir, 'keys/service-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const token = randomBytes(32).toString('base64url');
    // 'wx' fails if another process wrote it first; then theirs is the one to use.
    await writeFile(file, token, { mode: 0o600, flag: 'wx' }).catch(() => {});
    return (await readFile(file, 'utf8')).trim();
  }
}

export function isServiceToken(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Express middleware for internal routes. */
export function requireServiceToken(expected: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (isServiceToken(req.headers[SERVICE_TOKEN_HEADER], expected)) return next();
    res.status(401).json({ error: 'A service credential is required.' });
  };
}

export class InternalCallError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'InternalCallError';
  }
}

/**
 * One pool of keep-alive connections for this process's internal calls. Calls go through undici's
 * dispatcher API (`request`), not the WHATWG `fetch` built into Node: an internal call needs a
 * status and a JSON body. Under `placeOrder` the HTTP client was 15% of the orders service's CPU
 * with fetch (its internals, web streams and their garbage) and is 5.5% with `request`, by its CPU
 * profiles (bench/README.md, "Run of 2026-12-01, ninth session"), as it had been for the gateway's
 * subgraph calls (gateway/src/datasource.ts).
 */
const internalCalls = new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });

/** POSTs JSON to another service's internal endpoint with the service credential. */
export async function callInternal<T>(
  baseUrl: string,
  route: string,
  body: unknown,
  options: { token: string; requestId?: string; timeoutMs?: number },
): Promise<T> {
  const url = new URL(route, baseUrl);
  const answer = await internalCalls.request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SERVICE_TOKEN_HEADER]: options.token,
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  });
  if (answer.statusCode < 200 || answer.statusCode >= 300) {
    // Read to the end, so that the connection goes back to the pool.
    await answer.body.dump();
    throw new InternalCallError(`${route} answered ${answer.statusCode}`, answer.statusCode);
  }
  const text = await answer.body.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

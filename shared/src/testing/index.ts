import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createLogger } from '../logger.js';
// The run's database server comes from @gigmart/devdb/vitest-setup, which declares `mongoUri` in
// vitest's ProvidedContext; this type-only import makes that declaration part of every program
// that uses these helpers (nothing of devdb is loaded at run time).
import type {} from '@gigmart/devdb/vitest-setup';

/** The URI of the run's database server (started by the global setup). */
export function testMongoUri(): string {
  return inject('mongoUri');
}

/** A database name no other test file uses, so files can run in parallel on one server. */
export function testDatabaseName(prefix: string): string {
  return `t_${prefix}_${randomBytes(4).toString('hex')}`;
}

export const testLogger = createLogger('test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }>;
}

/** A GraphQL request over real HTTP, as a client would make it. */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: T | null; errors?: GraphQLResponse['errors'] } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, ...body };
}
export * from './tokens.js';

/** Free TCP ports on loopback, for services that must know each other's URLs before starting. */
export async function freePorts(count: number): Promise<number[]> {
  const { createServer } = await import('node:net');
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<import('node:net').Server>((resolve, reject) => {
          const server = createServer();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export const TEST_SERVICE_TOKEN = 'test-service-token-0123456789abcdef0123456789';

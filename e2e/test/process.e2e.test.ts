import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@gigmart/shared';
import { testMongoUri } from '@gigmart/shared/testing';
import { freePort } from '@gigmart/stack';
import { composeModules, loadSubgraphSources } from '@gigmart/gateway';
import { describe, expect, it } from 'vitest';

/** Runs a process entry point from source, as `npm run dev` would, and collects how it ends. */
function runEntry(entry: string, env: Record<string, string>, onOutput?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=development', entry], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    onOutput?.(stdout, child);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('process entry points', () => {
  it('stop with one clear line and exit code 1 on a bad setting', async () => {
    const result = await runEntry(path.join('gateway/src/main.ts'), { GATEWAY_PORT: 'abc' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: GATEWAY_PORT: expected a port number (got "abc")');
  });

  it('shut down gracefully on SIGTERM with exit code 0', async () => {
    let signalled = false;
    const result = await runEntry('services/gigs/src/main.ts', { MONGO_URL: testMongoUri(), GIGS_PORT: '0' }, (out, child) => {
      if (!signalled && out.includes('gigs listening')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    expect(signalled).toBe(true);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"msg":"stopped"');
  });

  it('runs GATEWAY_WORKERS processes on one port, with one rate limit across them, and stops them all', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gigmart-workers-'));
    const port = await freePort();
    const urls = {
      USERS_URL: 'http://127.0.0.1:9',
      GIGS_URL: 'http://127.0.0.1:9',
      ORDERS_URL: 'http://127.0.0.1:9',
      INBOX_URL: 'http://127.0.0.1:9',
      MEDIA_URL: 'http://127.0.0.1:9',
    };
    const composed = composeModules(await loadSubgraphSources(urls));
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    const supergraphPath = path.join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, composed.supergraphSdl);

    // A new connection per request: the primary hands connections round-robin to the workers, so
    // these alternate between them, and a limit counted per worker would let all five through.
    const ask = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ query: '{ __typename }' }));
      });

    const statuses: number[] = [];
    let asked = false;
    try {
      const result = await runEntry(
        'gateway/src/main.ts',
        { ...urls, GATEWAY_PORT: String(port), GATEWAY_WORKERS: '2', SUPERGRAPH_PATH: supergraphPath, RATE_LIMIT_PER_MINUTE: '4' },
        (out, child) => {
          if (asked || out.split('gateway listening').length - 1 < 2) return;
          asked = true;
          void (async () => {
            for (let i = 0; i < 5; i += 1) statuses.push(await ask());
            child.kill('SIGTERM');
          })().catch(() => child.kill('SIGTERM'));
        },
      );
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      expect(result.code).toBe(0);
      const workerIds = new Set([...result.stdout.matchAll(/"worker":(\d+)[^\n]*gateway listening/g)].map((m) => m[1]));
      expect(workerIds.size).toBe(2);
      // The primary and both workers each finish their shutdown.
      expect(result.stdout.split('"msg":"stopped"').length - 1).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

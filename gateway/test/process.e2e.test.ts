import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@gigmart/shared';
import { testMongoUri } from '@gigmart/shared/testing';
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
});

import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '@gigmart/shared';

/**
 * What a benchmark run starts beside our stack (which @gigmart/stack starts from the builds, as
 * production does): the peer gateway from its npm CLI, the composition, the signing key.
 */
export interface Process {
  name: string;
  child: ChildProcess;
  /** The last lines it wrote to stderr/stdout, for the error message when it fails. */
  output(): string;
  stop(): Promise<void>;
}

export function startProcess(name: string, command: string, args: string[], env: Record<string, string>, cwd = repoRoot): Process {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    child,
    output: () => tail,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls `url` until it answers `ok(status, body)`, or fails with the process's last output. */
export async function waitUntil(
  proc: Process,
  url: string,
  init: RequestInit = {},
  ok: (status: number, body: string) => boolean = (s) => s === 200,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${proc.name} exited with code ${proc.child.exitCode}:\n${proc.output()}`);
    try {
      const res = await fetch(url, init);
      const body = await res.text();
      if (ok(res.status, body)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

/** A fresh ES256 signing key for the users service (production refuses to run without one). */
export async function writeSigningKey(dir: string): Promise<string> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const file = path.join(dir, 'jwt-private.pem');
  await writeFile(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

export function newServiceToken(): string {
  return randomBytes(32).toString('hex');
}

/** `npm run compose -w gateway` into `output`, with `env` (the stack's: where the subgraphs are). */
export async function composeSupergraph(env: Record<string, string>, output: string): Promise<void> {
  const proc = startProcess(
    'compose',
    process.execPath,
    ['--import', 'tsx', '--conditions=development', 'gateway/src/compose-main.ts', output],
    env,
  );
  const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
  if (code !== 0) throw new Error(`composition failed:\n${proc.output()}`);
}

/** The peer gateway (Hive Gateway, from its npm CLI) serving `supergraphPath` on `port`. */
export async function startPeerGateway(
  port: number,
  supergraphPath: string,
  workers: number,
  env: Record<string, string> = {},
): Promise<Process> {
  const bin = path.join(repoRoot, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  const config = path.join(repoRoot, 'bench/hive-gateway.config.mjs');
  const proc = startProcess(
    'hive-gateway',
    process.execPath,
    [bin, 'supergraph', supergraphPath, '--port', String(port), '--host', '127.0.0.1', '--config-path', config, '--fork', String(workers)],
    { NODE_ENV: 'production', ...env },
    path.join(repoRoot, 'bench'),
  );
  await waitUntil(
    proc,
    `http://127.0.0.1:${port}/graphql`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) },
    (status) => status === 200,
  );
  return proc;
}

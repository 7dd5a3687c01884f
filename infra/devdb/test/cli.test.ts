import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

const bin = fileURLToPath(new URL('../bin/gigmart-devdb.js', import.meta.url));

/** The environment of a developer with no MONGO_URL, whose DATA_DIR is `dataDir`. */
function localEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  delete env['MONGO_URL'];
  return env;
}

interface Run {
  process: ChildProcess;
  /** The lines of its standard output, as they come. */
  lines: string[];
  exit: Promise<number | null>;
  nextLine(match: RegExp): Promise<string>;
}

/** `gigmart-devdb -- node -e <script>`. */
function devdb(script: string, env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [bin, '--', process.execPath, '-e', script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const nextLine = async (match: RegExp): Promise<string> => {
    for (;;) {
      const line = lines.find((l) => match.test(l));
      if (line) return line;
      if (child.exitCode !== null)
        throw new Error(`gigmart-devdb exited (${child.exitCode}) before printing ${match}: ${lines.join('\n')}`);
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), exit]);
    }
  };
  return { process: child, lines, exit, nextLine };
}

// Prints what the command was given, then runs until SIGTERM, which it answers by exiting 0.
const WAIT_FOR_SIGTERM = `console.log('MONGO_URL=' + process.env.MONGO_URL + ' DATA_DIR=' + process.env.DATA_DIR);
process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000);`;

async function answers(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1500, directConnection: true });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => {});
  }
}

describe('gigmart-devdb', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-devdb-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('passes MONGO_URL through when it is set, and exits with the command’s code', async () => {
    const uri = inject('mongoUri');
    const run = devdb(`console.log('MONGO_URL=' + process.env.MONGO_URL); process.exit(7)`, { ...localEnv(dataDir), MONGO_URL: uri });
    expect(await run.exit).toBe(7);
    expect(run.lines).toContain(`MONGO_URL=${uri}`);
  });

  it('says how it is used when given no command', async () => {
    const child = spawn(process.execPath, [bin], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(2);
    expect(stderr).toMatch(/^usage: gigmart-devdb/);
  });

  it('starts the local database for the command, shares it with a second one on the same DATA_DIR, and stops it after', async () => {
    const first = devdb(WAIT_FOR_SIGTERM, localEnv(dataDir));
    const started = JSON.parse(await first.nextLine(/"database"/)) as { database: string; reused?: boolean };
    const given = /^MONGO_URL=(\S+) DATA_DIR=(\S+)$/.exec(await first.nextLine(/^MONGO_URL=/))!;
    const uri = given[1]!;
    expect(given[2]).toBe(dataDir);
    expect(uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await answers(uri)).toBe(true);

    if (started.database === 'ferretdb') {
      // A second command on the same DATA_DIR (a service run alone while `npm start` runs) uses the
      // server the first started rather than opening the same files, and leaves it running.
      expect(started.reused).toBe(false);
      const second = devdb(`console.log('MONGO_URL=' + process.env.MONGO_URL)`, localEnv(dataDir));
      expect(await second.exit).toBe(0);
      expect(second.lines).toContain(`MONGO_URL=${uri}`);
      expect(second.lines.some((l) => l.includes('"reused":true'))).toBe(true);
      expect(await answers(uri)).toBe(true);
    }

    // SIGTERM reaches the command (which exits 0), then the server it started stops.
    first.process.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(await answers(uri)).toBe(false);
    expect(existsSync(path.join(dataDir, 'ferretdb/server.json'))).toBe(false);
  });
});

/**
 * The stack as `npm start` runs it (@gigmart/stack's process mode, each process from source here,
 * its own database server, the terminal's pretty output captured): a process killed with SIGKILL
 * comes back by itself while the others keep serving, and a process that keeps crashing stops the
 * stack with one line. Deadlines only: nothing here is timed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createOutput, startStack, type ProcessName, type ProcessStack, type ProcessStackOptions } from '@gigmart/stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Actor } from './actors.js';

/** What the terminal would show, as plain lines. */
function capturedOutput() {
  let text = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { output: createOutput({ format: 'pretty', stdout, colors: false }), lines: () => text.split('\n') };
}

async function startOwnStack(dataDir: string, options: Partial<ProcessStackOptions>): Promise<ProcessStack> {
  return startStack({
    mode: 'processes',
    from: 'source',
    // Its own throw-away database server, as npm start starts one (or MONGO_URL's).
    mongoUrl: process.env['MONGO_URL'],
    dataDir,
    ephemeralDatabase: true,
    env: { LOG_LEVEL: 'info', NODE_ENV: 'development' },
    ...options,
  });
}

/** Polls `check` until it returns something other than undefined, or fails after `ms`. */
async function within<T>(ms: number, what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result !== undefined) return result;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${what}: not within ${ms} ms${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
  );
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const USERS_AND_GIGS = '{ categories { slug } searchGigs(first: 1) { totalCount } me { username } }';
const ORDERS = '{ myOrders(role: BUYER, first: 1) { totalCount } }';

describe('a process of the stack killed with SIGKILL', () => {
  let dataDir: string;
  let stack: ProcessStack;
  let terminal: ReturnType<typeof capturedOutput>;
  let member: Actor;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-crash-'));
    terminal = capturedOutput();
    stack = await startOwnStack(dataDir, { output: terminal.output });
    member = await signUp(stack);
  });
  afterAll(async () => {
    await stack?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is restarted alone while the others keep serving, with one line for the crash and one for its return', async () => {
    const before = Object.fromEntries((['users', 'gigs', 'orders', 'gateway'] as const).map((name) => [name, stack.pid(name)])) as Record<
      ProcessName,
      number
    >;
    expect((await member.gql(ORDERS)).errors).toBeUndefined();

    const killedAt = Date.now();
    process.kill(before['orders'], 'SIGKILL');
    await within(5_000, 'the stack notices the crash', () =>
      Promise.resolve(terminal.lines().some((l) => l.includes('orders crashed')) ? true : undefined),
    );

    // users and gigs answer while orders is down.
    const answer = await member.gql<{ categories: unknown[]; searchGigs: { totalCount: number }; me: { username: string } }>(
      USERS_AND_GIGS,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.categories.length).toBeGreaterThan(0);
    expect(answer.data!.me.username).toBe(member.username);

    // orders answers again through the gateway within 10 s of the kill.
    await within(10_000 - (Date.now() - killedAt), 'orders answers again', async () => {
      const res = await member.gql<{ myOrders: { totalCount: number } }>(ORDERS);
      return res.errors === undefined && res.data?.myOrders ? true : undefined;
    });
    await within(5_000, 'the line saying orders is back', () =>
      Promise.resolve(terminal.lines().some((l) => l.includes('orders is back')) ? true : undefined),
    );

    expect(stack.pid('orders')).not.toBe(before['orders']);
    for (const name of ['users', 'gigs', 'gateway'] as const) expect(stack.pid(name)).toBe(before[name]);
    // One line says it crashed (and is being restarted), one that it is back; nothing else does.
    const lines = terminal.lines();
    expect(lines.filter((l) => /orders.*(crash|restart)/i.test(l))).toEqual(['⚠ orders crashed (killed by SIGKILL): restarting in 1.0s']);
    expect(lines.filter((l) => /orders.*back/.test(l))).toEqual([expect.stringMatching(/^✔ orders is back after [\d.]+s \(pid \d+\)$/)]);
  });

  it('stops every process it started, and the database server', async () => {
    const pids = (['users', 'gigs', 'orders', 'gateway'] as const).map((name) => stack.pid(name)!);
    await stack.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(terminal.lines().filter((l) => l.startsWith('✖'))).toEqual([]);
  });
});

describe('a process of the stack that keeps crashing', () => {
  it('stops the stack with one line naming it and why', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gigmart-crashloop-'));
    const terminal = capturedOutput();
    // Only users, and short waits between restarts: the rule is the same, 3 crashes instead of 5.
    const stack = await startOwnStack(dataDir, {
      output: terminal.output,
      processes: ['users'],
      restart: { firstDelayMs: 100, maxCrashes: 3 },
    });
    try {
      for (let crash = 1; crash <= 3; crash += 1) {
        const pid = await within(30_000, `users is back before crash ${crash}`, async () => {
          const current = stack.pid('users');
          return current !== undefined && (await fetch(`${stack.urls.users}/ready`)).ok ? current : undefined;
        });
        process.kill(pid, 'SIGKILL');
        await within(5_000, `crash ${crash} is seen`, () =>
          Promise.resolve(stack.pid('users') !== pid || !isAlive(pid) ? true : undefined),
        );
      }
      const reason = await stack.failed;
      expect(reason).toMatch(/^users crashed 3 times within 60s \(killed by SIGKILL\): stopping the stack$/);
      expect(terminal.lines().filter((l) => l.startsWith('✖'))).toEqual([`✖ ${reason}`]);
      expect(stack.pid('users')).toBeUndefined();
    } finally {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

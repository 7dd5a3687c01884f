import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { WorkLimit } from './work-limit.js';

/** A task that runs until `finish()` is called, recording that it started. */
function task(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<string>((resolve) => (finish = () => resolve(name)));
  return {
    run: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkLimit', () => {
  it('runs at most `concurrency` at once, lets `queue` more wait in order, and refuses the rest', async () => {
    const limit = new WorkLimit({ name: 'Search', concurrency: 2, queue: 2, retryAfterSeconds: 3 });
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => task(started, name));
    const results = tasks.map((t) => limit.run(t.run));
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect([limit.running, limit.waiting]).toEqual([2, 2]);

    const refused = await limit.run(() => Promise.resolve('e')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLError);
    expect((refused as GraphQLError).message).toBe('Search is busy: try again in a moment.');
    expect((refused as GraphQLError).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 3 });

    tasks[1]!.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.finish();
    tasks[2]!.finish();
    await tick();
    tasks[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect([limit.running, limit.waiting]).toEqual([0, 0]);
  });

  it('lets a waiting task leave when its signal aborts; it never runs', async () => {
    const limit = new WorkLimit({ name: 'Search', concurrency: 1, queue: 5 });
    const started: string[] = [];
    const first = task(started, 'first');
    const running = limit.run(first.run);
    const caller = new AbortController();
    const leaving = limit.run(() => task(started, 'leaving').run(), caller.signal).catch((error: unknown) => error);
    const staying = task(started, 'staying');
    const stays = limit.run(staying.run);
    await tick();
    expect(limit.waiting).toBe(2);
    caller.abort(new Error('caller gone'));
    expect(await leaving).toEqual(new Error('caller gone'));
    expect(limit.waiting).toBe(1);
    first.finish();
    await running;
    await tick();
    staying.finish();
    await stays;
    expect(started).toEqual(['first', 'staying']);
    // Already aborted: refused before it waits.
    await expect(limit.run(() => Promise.resolve(1), AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
  });

  it('frees the turn of a task that fails', async () => {
    const limit = new WorkLimit({ name: 'Search', concurrency: 1, queue: 0 });
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit.run(() => Promise.resolve('next'))).toBe('next');
    expect(limit.running).toBe(0);
  });
});

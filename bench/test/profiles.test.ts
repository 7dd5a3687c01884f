import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { profilesMarkdown, shortLocation, topFrames, type CpuProfile, type CpuProfileNode } from '../src/profiles.js';

/** A node of a hand-made profile. */
const node = (id: number, functionName: string, url = '', lineNumber = -1, children: number[] = []): CpuProfileNode => ({
  id,
  callFrame: { functionName, url, lineNumber, columnNumber: 0 },
  children,
});

const MAIN = pathToFileURL(path.join(repoRoot, 'gateway/src/main.ts')).href;
const EXECUTE = 'file:///srv/app/node_modules/graphql/execution/execute.js';

/**
 * (root) → main → execute → main (recursion), and V8's own rows. Samples every 100 ms or so; each
 * one lasts until the next (the last until endTime), so self times are exact: execute 300 ms, main
 * 100 + 100 ms, idle 300 + 50 ms, program 100 ms, GC 50 ms; 1 s in all.
 */
const profile: CpuProfile = {
  nodes: [
    node(1, '(root)', '', -1, [2, 5, 6, 7]),
    node(2, 'main', MAIN, 9, [3]),
    node(3, 'execute', EXECUTE, 99, [4]),
    node(4, 'main', MAIN, 9),
    node(5, '(garbage collector)'),
    node(6, '(idle)'),
    node(7, '(program)'),
  ],
  startTime: 1_000_000,
  endTime: 2_100_000,
  samples: [3, 3, 4, 6, 6, 5, 7, 2],
  timeDeltas: [100_000, 100_000, 200_000, 100_000, 300_000, 50_000, 50_000, 100_000],
};

describe('topFrames', () => {
  it('sums self time per function from samples and time deltas, V8 rows kept', () => {
    const { totalMs, frames } = topFrames(profile);
    expect(totalMs).toBe(1000);
    expect(frames).toEqual([
      { name: '(idle)', location: '', selfMs: 350, selfShare: 0.35, totalMs: 350 },
      { name: 'execute', location: 'graphql/execute.js:100', selfMs: 300, selfShare: 0.3, totalMs: 400 },
      // main twice on one stack: its inclusive time counts the outer call only.
      { name: 'main', location: 'gateway/src/main.ts:10', selfMs: 200, selfShare: 0.2, totalMs: 500 },
      { name: '(program)', location: '', selfMs: 100, selfShare: 0.1, totalMs: 100 },
      { name: '(garbage collector)', location: '', selfMs: 50, selfShare: 0.05, totalMs: 50 },
    ]);
    expect(topFrames(profile, 2).frames.map((f) => f.name)).toEqual(['(idle)', 'execute']);
  });

  it('falls back to hit counts × the average interval without samples', () => {
    const hits: CpuProfile = {
      nodes: [
        { ...node(1, '(root)', '', -1, [2, 3]), hitCount: 0 },
        { ...node(2, '', 'node:internal/streams/readable', 41), hitCount: 3 },
        { ...node(3, '(idle)'), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 400_000,
    };
    const { totalMs, frames } = topFrames(hits);
    expect(totalMs).toBe(400);
    expect(frames.map((f) => [f.name, f.location, f.selfMs])).toEqual([
      ['(anonymous)', 'node:internal/streams/readable:42', 300],
      ['(idle)', '', 100],
    ]);
  });

  it('reports nothing, and no NaN, for a profile without samples', () => {
    const empty: CpuProfile = { nodes: [node(1, '(root)')], startTime: 5, endTime: 5, samples: [], timeDeltas: [] };
    expect(topFrames(empty)).toEqual({ totalMs: 0, frames: [] });
    expect(profilesMarkdown([{ process: 'orders', profile: empty }])).toBe('### orders (0.0 s sampled, 0% idle)\n\nNo samples.\n');
  });
});

describe('shortLocation', () => {
  it('shortens package files, makes repository paths relative, keeps the rest', () => {
    expect(shortLocation('file:///x/node_modules/@graphql-hive/gateway-runtime/dist/index.js', 0)).toBe(
      '@graphql-hive/gateway-runtime/index.js:1',
    );
    expect(shortLocation('file:///x/node_modules/a/node_modules/b/lib/c.js', 4)).toBe('b/c.js:5');
    expect(shortLocation(pathToFileURL(path.join(repoRoot, 'services/gigs/dist/main.js')).href, 2)).toBe('services/gigs/dist/main.js:3');
    expect(shortLocation('file:///elsewhere/x.js', 0, '/repo')).toBe('/elsewhere/x.js:1');
    expect(shortLocation('node:internal/timers', 10)).toBe('node:internal/timers:11');
    expect(shortLocation('', -1)).toBe('');
  });
});

describe('profilesMarkdown', () => {
  it('writes a section per process with its sampled time, idle share and top functions', () => {
    expect(profilesMarkdown([{ process: 'gateway', profile }], 3)).toBe(
      [
        '### gateway (1.0 s sampled, 35% idle)',
        '',
        '| self ms | self % | function | where |',
        '|--:|--:|---|---|',
        '| 350 | 35.0% | `(idle)` |  |',
        '| 300 | 30.0% | `execute` | `graphql/execute.js:100` |',
        '| 200 | 20.0% | `main` | `gateway/src/main.ts:10` |',
        '',
      ].join('\n'),
    );
  });

  it('keeps a name with a pipe inside its cell', () => {
    const piped: CpuProfile = {
      ...profile,
      nodes: profile.nodes.map((n) => (n.id === 3 ? { ...n, callFrame: { ...n.callFrame, functionName: 'a|b' } } : n)),
    };
    expect(profilesMarkdown([{ process: 'p', profile: piped }])).toContain('| `a\\|b` |');
  });
});

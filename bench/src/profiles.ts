/**
 * Where a process spent its time, from the V8 CPU profile Node writes with `--cpu-prof`
 * (`<name>.cpuprofile`): the functions with the most self time, as rows for a results report. The
 * garbage collector, `(program)` (V8 and native work outside JS) and `(idle)` stay rows of their own:
 * a gateway that waits on its subgraphs shows as idle, one that allocates too much as GC.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@gigmart/shared';

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number; scriptId?: string | number };
  hitCount?: number;
  children?: number[];
}

/** The `.cpuprofile` JSON; times in microseconds. `samples[i]` is a node id, `timeDeltas[i]` the time since the sample before. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileFrame {
  /** The function's name; `(anonymous)` for an unnamed one. */
  name: string;
  /** `gateway/src/plan.ts:42`, `graphql/execute.js:120`, `node:internal/...:7`; empty for V8's own rows. */
  location: string;
  selfMs: number;
  /** Of all sampled time, idle included. */
  selfShare: number;
  /** Inclusive time: the function on the stack, recursion counted once. */
  totalMs?: number;
}

export interface ProfileSummary {
  /** All sampled time, ms. */
  totalMs: number;
  frames: ProfileFrame[];
}

/** A parsed file that has the fields a profile needs: before handing it to topFrames. */
export function isCpuProfile(json: unknown): json is CpuProfile {
  if (typeof json !== 'object' || json === null) return false;
  const p = json as Record<string, unknown>;
  return (
    Array.isArray(p['nodes']) &&
    typeof p['startTime'] === 'number' &&
    typeof p['endTime'] === 'number' &&
    (p['samples'] === undefined || Array.isArray(p['samples'])) &&
    (p['timeDeltas'] === undefined || Array.isArray(p['timeDeltas']))
  );
}

/**
 * Self time per node id, µs. With samples: each sample stands for the time until the next one (the
 * last until endTime), as Chrome's profiler shows it; V8 sometimes writes a negative delta, counted 0.
 * Without (an old or truncated profile): each node's hitCount × the average interval.
 */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length && deltas.length === samples.length) {
    const stamps: number[] = [];
    let t = profile.startTime;
    for (const delta of deltas) stamps.push((t += delta));
    for (let i = 0; i < samples.length; i += 1) {
      const next = i + 1 < samples.length ? stamps[i + 1]! : Math.max(profile.endTime, stamps[i]!);
      const id = samples[i]!;
      self.set(id, (self.get(id) ?? 0) + Math.max(0, next - stamps[i]!));
    }
    return self;
  }
  const hits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  if (!hits) return self;
  const interval = Math.max(0, profile.endTime - profile.startTime) / hits;
  for (const node of profile.nodes) if (node.hitCount) self.set(node.id, node.hitCount * interval);
  return self;
}

/**
 * A script URL as a reader looks for it: `file://` gone, relative to the repository, a package's
 * file as `<package>/<file name>` (scoped names kept whole), then `:<line>` (1-based).
 */
export function shortLocation(url: string, lineNumber: number, root: string = repoRoot): string {
  if (!url) return '';
  let where = url;
  if (url.startsWith('file://')) {
    try {
      where = fileURLToPath(url);
    } catch {
      where = url.slice('file://'.length);
    }
  }
  const modules = where.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = where.slice(modules + '/node_modules/'.length).split('/');
    const pkg = parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    where = `${pkg}/${parts[parts.length - 1] ?? ''}`;
  } else if (path.isAbsolute(where)) {
    const relative = path.relative(root, where);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) where = relative.split(path.sep).join('/');
  }
  return lineNumber >= 0 ? `${where}:${lineNumber + 1}` : where;
}

/** The profile's functions by self time, most first, `limit` of them; inclusive time beside. */
export function topFrames(profile: CpuProfile, limit = 15, root: string = repoRoot): ProfileSummary {
  const all = allFrames(profile, root);
  return { totalMs: all.totalMs, frames: all.frames.slice(0, Math.max(0, limit)) };
}

/** Every function of the profile (aggregated by name, script and line), sorted as topFrames reports them. */
function allFrames(profile: CpuProfile, root: string): ProfileSummary {
  const selfUs = selfTimes(profile);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const keyOf = (node: CpuProfileNode) => `${node.callFrame.functionName}\u0000${node.callFrame.url}\u0000${node.callFrame.lineNumber}`;

  // Inclusive time of each node's subtree, children before parents (iterative: stacks can be deep).
  const children = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const roots = profile.nodes.filter((node) => !children.has(node.id));
  const order: CpuProfileNode[] = [];
  const seen = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    order.push(node);
    for (const child of node.children ?? []) {
      const c = byId.get(child);
      if (c) stack.push(c);
    }
  }
  const subtree = new Map<number, number>();
  for (const node of [...order].reverse()) {
    const inner = (node.children ?? []).reduce((sum, child) => sum + (subtree.get(child) ?? 0), 0);
    subtree.set(node.id, (selfUs.get(node.id) ?? 0) + inner);
  }

  // A function's inclusive time: the subtrees where it is outermost on the stack (recursion once).
  const inclusive = new Map<string, number>();
  const onPath = new Map<string, number>();
  const walk: Array<{ node: CpuProfileNode; leaving: boolean }> = roots.map((node) => ({ node, leaving: false }));
  const visited = new Set<number>();
  while (walk.length) {
    const { node, leaving } = walk.pop()!;
    const key = keyOf(node);
    if (leaving) {
      onPath.set(key, (onPath.get(key) ?? 1) - 1);
      continue;
    }
    if (visited.has(node.id)) continue;
    visited.add(node.id);
    if (!onPath.get(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + (subtree.get(node.id) ?? 0));
    onPath.set(key, (onPath.get(key) ?? 0) + 1);
    walk.push({ node, leaving: true });
    for (const child of node.children ?? []) {
      const c = byId.get(child);
      if (c) walk.push({ node: c, leaving: false });
    }
  }

  const rows = new Map<string, { node: CpuProfileNode; selfUs: number }>();
  let totalUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    totalUs += us;
    const key = keyOf(node);
    const row = rows.get(key);
    if (row) row.selfUs += us;
    else rows.set(key, { node, selfUs: us });
  }
  const frames: ProfileFrame[] = [...rows]
    .filter(([, row]) => row.selfUs > 0)
    .map(([key, { node, selfUs: us }]) => ({
      name: node.callFrame.functionName || '(anonymous)',
      location: shortLocation(node.callFrame.url, node.callFrame.lineNumber, root),
      selfMs: us / 1000,
      selfShare: totalUs ? us / totalUs : 0,
      totalMs: (inclusive.get(key) ?? us) / 1000,
    }))
    .sort((a, b) => b.selfMs - a.selfMs || a.name.localeCompare(b.name, 'en') || a.location.localeCompare(b.location, 'en'));
  return { totalMs: totalUs / 1000, frames };
}

/** A table cell: `|` would end the cell, a backtick the code span. */
function cell(text: string): string {
  return text ? `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\`` : '';
}

function ms(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 1 : 0 });
}

/**
 * One markdown section per process: `### <process> (<s> s sampled, <share> idle)` and its top
 * functions by self time. The idle share is of the whole profile, not of the rows shown.
 */
export function profilesMarkdown(entries: Array<{ process: string; profile: CpuProfile }>, limit = 15, root: string = repoRoot): string {
  return entries
    .map(({ process, profile }) => {
      const all = allFrames(profile, root);
      const idleMs = all.frames.filter((f) => f.name === '(idle)' && !f.location).reduce((sum, f) => sum + f.selfMs, 0);
      const idle = all.totalMs ? idleMs / all.totalMs : 0;
      const heading = `### ${process} (${(all.totalMs / 1000).toFixed(1)} s sampled, ${(idle * 100).toFixed(0)}% idle)`;
      const frames = all.frames.slice(0, Math.max(0, limit));
      if (!frames.length) return `${heading}\n\nNo samples.\n`;
      const rows = frames.map((f) => `| ${ms(f.selfMs)} | ${(f.selfShare * 100).toFixed(1)}% | ${cell(f.name)} | ${cell(f.location)} |`);
      return [heading, '', '| self ms | self % | function | where |', '|--:|--:|---|---|', ...rows, ''].join('\n');
    })
    .join('\n');
}

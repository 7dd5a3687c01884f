/**
 * CPU time per process of the run, from Linux's /proc: taken before and after each measured window,
 * it says which process spent the time each operation costs (ms of CPU per request), the database
 * included, which a Node profile cannot see. Every process the benchmark started is a descendant of
 * this one; each is named by what it runs.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** CPU seconds (user + system) per process name, summed over the processes of that name. */
export type CpuTimes = Record<string, number>;

const TICKS_PER_SECOND = 100;

interface ProcEntry {
  pid: number;
  ppid: number;
  seconds: number;
}

function readStat(pid: number): ProcEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { pid, ppid: Number(fields[1]), seconds: ticks / TICKS_PER_SECOND };
  } catch {
    return null; // gone meanwhile
  }
}

/** What a process is, by its command line and working directory; null: as its parent. */
export function nameOf(cmdline: string, cwd: string): string | null {
  if (cmdline.includes('gigmart-ferretdb') || cmdline.includes('mongod')) return 'database';
  if (cmdline.includes('@graphql-hive') || cmdline.includes('hive-gateway')) return 'hive-gateway';
  const service = /services\/(\w+)$/.exec(cwd);
  if (service && cmdline.includes('dist/main.js')) return service[1]!;
  if (cwd.endsWith('/gateway') && cmdline.includes('dist/main.js')) return 'gateway';
  return null;
}

function describe(pid: number): string | null {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return nameOf(cmdline, readlinkSync(`/proc/${pid}/cwd`));
  } catch {
    return null;
  }
}

/**
 * CPU seconds so far of this process ("bench": the load generator and its proxies) and of every
 * descendant, by name; a process with no name of its own counts under its parent's (the gateways'
 * worker processes, a compile step).
 */
export function cpuTimes(root = process.pid): CpuTimes {
  const entries = new Map<number, ProcEntry>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readStat(Number(name));
    if (entry) entries.set(entry.pid, entry);
  }
  const names = new Map<number, string | null>([[root, 'bench']]);
  const nameFor = (pid: number): string | null => {
    if (names.has(pid)) return names.get(pid)!;
    const entry = entries.get(pid);
    if (!entry || entry.ppid <= 1) return null;
    const parent = nameFor(entry.ppid);
    // Only descendants of root count; among them a process is named by what it runs, else as its parent.
    const name = parent === null ? null : (describe(pid) ?? parent);
    names.set(pid, name);
    return name;
  };
  const out: CpuTimes = {};
  for (const entry of entries.values()) {
    const name = nameFor(entry.pid);
    if (name !== null) out[name] = (out[name] ?? 0) + entry.seconds;
  }
  return out;
}

/** CPU ms per request by process between two readings; processes that spent nothing are left out. */
export function cpuPerRequest(before: CpuTimes, after: CpuTimes, requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, seconds] of Object.entries(after)) {
    const spent = seconds - (before[name] ?? 0);
    if (spent > 0 && requests > 0) out[name] = (spent * 1000) / requests;
  }
  return out;
}

export const cpuProcessOrder = ['gateway', 'hive-gateway', 'users', 'gigs', 'orders', 'inbox', 'media', 'database', 'bench'];

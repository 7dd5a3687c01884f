import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.js';

/**
 * The local database's tooling is for development only: no deployable workspace may carry it (or
 * what it drives a Go build and a MongoDB download with) among its production dependencies.
 */
const deployable = ['services/users', 'services/gigs', 'services/orders', 'services/inbox', 'gateway'];
const tooling = ['@gigmart/devdb', 'mongodb-memory-server-core', 'diff', 'proper-lockfile'];

interface LsNode {
  dependencies?: Record<string, LsNode>;
}

/** Every package name in `npm ls --all --json` of one workspace. */
async function installedTree(workspace: string, omitDev: boolean): Promise<Set<string>> {
  const args = ['ls', '--all', '--json', ...(omitDev ? ['--omit=dev'] : []), '-w', workspace];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('npm', args, { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // npm ls exits 1 on a problem elsewhere in the tree (e.g. an engine warning) and still prints it.
    stdout = (error as { stdout?: string }).stdout ?? '';
    if (!stdout) throw error;
  }
  const names = new Set<string>();
  const walk = (node: LsNode) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      names.add(name);
      walk(child);
    }
  };
  walk(JSON.parse(stdout) as LsNode);
  return names;
}

describe('production dependencies', () => {
  it.each(deployable)(
    'of %s include none of the development database tooling',
    async (workspace) => {
      const production = await installedTree(workspace, true);
      expect(production.has('@gigmart/shared')).toBe(true); // the tree was read
      expect(tooling.filter((name) => production.has(name))).toEqual([]);
    },
    60_000,
  );

  it('are told apart from development ones (the check above can fail)', async () => {
    expect((await installedTree('services/gigs', false)).has('@gigmart/devdb')).toBe(true);
    const devdb = await installedTree('infra/devdb', true);
    expect(tooling.slice(1).filter((name) => !devdb.has(name))).toEqual([]);
  }, 60_000);
});

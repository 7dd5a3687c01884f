import { execFile } from 'node:child_process';
import { chmod, cp, readFile, readdir, rm, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { applyPatch, parsePatch } from 'diff';

const execFileAsync = promisify(execFile);

const ferretdbModule = 'github.com/FerretDB/FerretDB';

/**
 * Where infra/ferretdb's go.mod `replace` points: FerretDB's source as released, plus our patches
 * (infra/ferretdb/patches/*.patch). Generated, never committed (infra/ferretdb/bin/ is ignored).
 */
export function patchedSourceDir(sourceDir: string): string {
  return path.join(sourceDir, 'bin/ferretdb-src');
}

/** The patch files, in the order they apply. */
export async function ferretdbPatches(sourceDir: string): Promise<string[]> {
  const dir = path.join(sourceDir, 'patches');
  return (await readdir(dir))
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Writes FerretDB's released source with our patches applied into patchedSourceDir.
 *
 * The release comes from the Go module proxy (`go mod download`, checked against our go.sum), so
 * the build needs nothing the machines do not have; the patches are applied here rather than with
 * patch(1) so that a missing tool cannot break a fresh machine's first start.
 */
export async function preparePatchedFerretdb(go: string, sourceDir: string): Promise<void> {
  const goMod = await readFile(path.join(sourceDir, 'go.mod'), 'utf8');
  const version = new RegExp(`^\\s*(?:require\\s+)?${ferretdbModule.replaceAll('.', '\\.')}\\s+(v\\S+)`, 'm').exec(goMod)?.[1];
  if (!version) throw new Error(`infra/ferretdb/go.mod does not require ${ferretdbModule}`);

  // Outside any module, so that our go.mod's replace does not redirect the download to the very
  // directory it is meant to fill.
  const { stdout } = await execFileAsync(go, ['mod', 'download', '-json', `${ferretdbModule}@${version}`], {
    cwd: tmpdir(),
    env: { ...process.env, GOFLAGS: '' },
    maxBuffer: 4 * 1024 * 1024,
  });
  const download = JSON.parse(stdout) as { Dir?: string; Sum?: string; Error?: string };
  if (download.Error || !download.Dir) throw new Error(`go mod download ${ferretdbModule}@${version}: ${download.Error ?? 'no directory'}`);
  const goSum = await readFile(path.join(sourceDir, 'go.sum'), 'utf8');
  if (!goSum.includes(`${ferretdbModule} ${version} ${download.Sum}`)) {
    throw new Error(`${ferretdbModule}@${version} from the module proxy does not match infra/ferretdb/go.sum`);
  }

  const target = patchedSourceDir(sourceDir);
  await rm(target, { recursive: true, force: true });
  await cp(download.Dir, target, { recursive: true });
  // The module cache's folders are read-only; a later rm of this copy (and our new files) need them writable.
  await chmod(target, 0o755);
  for (const entry of await readdir(target, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) await chmod(path.join(entry.parentPath, entry.name), 0o755);
  }

  for (const patchFile of await ferretdbPatches(sourceDir)) {
    for (const filePatch of parsePatch(await readFile(patchFile, 'utf8'))) {
      const created = filePatch.oldFileName === '/dev/null';
      const relative = stripPrefix(created ? filePatch.newFileName : filePatch.oldFileName);
      const file = path.join(target, relative);
      const original = created ? '' : await readFile(file, 'utf8');
      const patched = applyPatch(original, filePatch);
      if (patched === false) throw new Error(`${path.basename(patchFile)} does not apply to ${relative}`);
      // The module cache's files are read-only: replace rather than overwrite.
      if (!created) await unlink(file);
      await writeFile(file, patched);
    }
  }
}

/** `a/internal/x.go` → `internal/x.go`, as `patch -p1` would. */
function stripPrefix(name: string | undefined): string {
  if (!name) throw new Error('a patch names no file');
  return name.split('/').slice(1).join('/');
}

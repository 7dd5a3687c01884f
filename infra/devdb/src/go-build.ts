import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';

const execFileAsync = promisify(execFile);

/**
 * Go programs the repository builds for itself from the Go module proxy, pinned by a go.mod/go.sum
 * of ours (our FerretDB in infra/ferretdb, Helm and the manifest validator in infra/helm/tools):
 * built once into the module's bin/ folder, again only when what they are built from changes, and
 * safely when several processes ask at once.
 */
export interface GoBuild {
  /** The Go module (its go.mod's folder). */
  moduleDir: string;
  /** Each binary to write, with the package `go build` compiles into it (`.`, `./cmd/x`, `helm.sh/helm/v3/cmd/helm`). */
  binaries: ReadonlyArray<{ path: string; pkg: string }>;
  /** Files whose content decides whether a build is current, besides go.mod, go.sum and the Go version. */
  inputs?: readonly string[];
  /** Runs before `go build` (e.g. writing patched sources a `replace` points to). */
  prepare?: (go: string) => Promise<void>;
  /** Says what is built in the log ("the local database (infra/ferretdb)"). */
  label: string;
  logger: BuildLogger;
  /** The go command; found on PATH, /usr/local/go/bin or ~/go/bin when not given. */
  go?: string | undefined;
}

/** What the build says (a pino logger fits). */
export interface BuildLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** How long a process waits for another's build (the first takes a minute or two; a cold Go cache more). */
const buildWaitMs = 15 * 60_000;
/** A lock whose holder stopped refreshing it (a process that died) is taken over after this long. */
const staleLockMs = 20_000;

export async function findGo(): Promise<string | null> {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/local/go/bin', path.join(homedir(), 'go/bin')].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, 'go');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** A digest of everything the binaries are built from, so an edited .go file, go.mod or patch rebuilds them. */
async function sourceDigest(go: string, build: GoBuild): Promise<string> {
  const hash = createHash('sha256');
  const files = [path.join(build.moduleDir, 'go.mod'), path.join(build.moduleDir, 'go.sum'), ...(build.inputs ?? [])];
  for (const file of files) hash.update(path.relative(build.moduleDir, file)).update(await readFile(file));
  const { stdout } = await execFileAsync(go, ['version']);
  hash.update(stdout);
  return hash.digest('hex');
}

/**
 * Builds the binaries unless up-to-date ones exist (a stamp file beside the first holds the digest
 * of their sources); safe to call from several processes at once (a lock file: the others wait
 * for the one building). Resolves with the binaries' paths.
 */
export async function ensureGoBinaries(build: GoBuild): Promise<string[]> {
  const { logger, binaries } = build;
  const paths = binaries.map((b) => b.path);
  const go = build.go ?? (await findGo());
  if (!go) throw new Error(`Go is needed to build ${build.label} and was not found`);
  const first = paths[0];
  if (!first) throw new Error('ensureGoBinaries: no binary to build');
  const stampFile = `${first}.sha256`;
  const digest = await sourceDigest(go, build);
  const upToDate = async () => paths.every((p) => existsSync(p)) && (await readFile(stampFile, 'utf8').catch(() => '')) === digest;
  if (await upToDate()) return paths;

  await mkdir(path.dirname(first), { recursive: true });
  const release = await lockfile.lock(first, {
    realpath: false, // the binary need not exist yet
    stale: staleLockMs,
    update: staleLockMs / 4,
    retries: { retries: buildWaitMs / 1000, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
    // The default throws from a timer, killing the process. The lock is lost only when this process
    // stalled for longer than staleLockMs (another may then build beside it): say so and go on.
    onCompromised: (error) => logger.warn({ err: error }, `${build.label}: the build lock was lost`),
  });
  try {
    if (await upToDate()) return paths; // another process built them while we waited
    logger.info(`building ${build.label} with Go (the first build takes a minute or more)`);
    const started = Date.now();
    await build.prepare?.(go);
    for (const binary of binaries) {
      await mkdir(path.dirname(binary.path), { recursive: true });
      const tmp = `${binary.path}.${process.pid}.tmp`;
      await execFileAsync(go, ['build', '-trimpath', '-o', tmp, binary.pkg], {
        cwd: build.moduleDir,
        env: { ...process.env, CGO_ENABLED: '0' },
        maxBuffer: 16 * 1024 * 1024,
      });
      await rename(tmp, binary.path);
    }
    await writeFile(stampFile, digest);
    logger.info({ seconds: Math.round((Date.now() - started) / 1000) }, `${build.label} built`);
  } finally {
    await release().catch((error: unknown) => logger.warn({ err: error }, `${build.label}: releasing the build lock failed`));
  }
  return paths;
}

/**
 * Helm and the manifest validator (infra/helm/tools), built from the Go module proxy at the
 * versions that module pins, once, the way the local database is (@gigmart/devdb's ensureGoBinaries).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureGoBinaries } from '@gigmart/devdb';
import { repoPath } from './support.js';

const execFileAsync = promisify(execFile);

export const chartDir = repoPath('infra/helm/gigmart');
const toolsDir = repoPath('infra/helm/tools');

export interface HelmTools {
  /** Runs helm; resolves with its stdout, rejects with its stderr in the message. */
  helm(args: readonly string[]): Promise<string>;
  /** Decodes every manifest of a YAML stream strictly into its Kubernetes API type. */
  validate(manifests: string): Promise<{ ok: boolean; output: string }>;
}

const log = {
  info: (obj: object | string, msg?: string) => console.info(typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`),
  warn: (obj: object, msg?: string) => console.warn(`${msg ?? ''} ${JSON.stringify(obj)}`),
};

export async function helmTools(): Promise<HelmTools> {
  const [helmBin, validateBin] = await ensureGoBinaries({
    moduleDir: toolsDir,
    binaries: [
      { path: path.join(toolsDir, 'bin/helm'), pkg: 'helm.sh/helm/v3/cmd/helm' },
      { path: path.join(toolsDir, 'bin/validate'), pkg: './validate' },
    ],
    inputs: [path.join(toolsDir, 'tools.go'), path.join(toolsDir, 'validate/main.go')],
    label: 'Helm and the manifest validator (infra/helm/tools)',
    logger: log,
  });
  // Helm keeps no state of ours: its cache, config and data folders go to a scratch place.
  const helmEnv = {
    ...process.env,
    HELM_CACHE_HOME: '/tmp/gigmart-helm/cache',
    HELM_CONFIG_HOME: '/tmp/gigmart-helm/config',
    HELM_DATA_HOME: '/tmp/gigmart-helm/data',
  };
  return {
    async helm(args) {
      try {
        const { stdout } = await execFileAsync(helmBin!, args, { env: helmEnv, maxBuffer: 64 * 1024 * 1024 });
        return stdout;
      } catch (error) {
        const { stderr, stdout } = error as { stderr?: string; stdout?: string };
        throw new Error(`helm ${args.join(' ')}: ${stderr || stdout || String(error)}`, { cause: error });
      }
    },
    validate(manifests) {
      return new Promise((resolve, reject) => {
        const child = execFile(validateBin!, [], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = (error as { code?: unknown } | null)?.code;
          if (error && typeof code !== 'number') reject(new Error(`validate: ${error.message}`, { cause: error }));
          else resolve({ ok: !error, output: `${stdout}${stderr}` });
        });
        child.stdin?.end(manifests);
      });
    },
  };
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (infra/devdb/src or infra/devdb/dist), whatever the cwd. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The default DATA_DIR, as the services have it (shared/src/paths.ts): one `.data` at the root,
 * so a service run alone finds the database the stack started.
 */
export const defaultDataDir = path.join(repoRoot, '.data');

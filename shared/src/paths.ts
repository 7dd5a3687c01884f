import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file (shared/src or shared/dist), whatever the cwd. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The default DATA_DIR: one `.data` at the root, so a service run alone shares the stack's data and keys. */
export const defaultDataDir = path.join(repoRoot, '.data');

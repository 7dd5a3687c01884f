import { createRequire } from 'node:module';

/**
 * The most common passwords, as found in breach corpuses: zxcvbn's list of about 49,000 (lowercase),
 * shipped and maintained in `@zxcvbn-ts/language-common`. Loaded into a Set at the first check,
 * once per process, not when the service starts.
 */
let common: ReadonlySet<string> | null = null;

function load(): ReadonlySet<string> {
  // The package's CommonJS build, synchronously: a zod rule cannot wait.
  const require = createRequire(import.meta.url);
  const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  return new Set(dictionary['passwords-common']);
}

/** True when the password, in any case, is on the list ("Password1" is "password1"). */
export function isCommonPassword(password: string): boolean {
  common ??= load();
  return common.has(password.toLowerCase());
}

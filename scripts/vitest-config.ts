import { defineConfig, mergeConfig, type ViteUserConfig as UserConfig } from 'vitest/config';

/**
 * The one vitest configuration of the repository; each workspace's vitest.config.ts is
 * `export default testConfig()` plus what is its own. Tests load our TypeScript sources (the
 * 'development' condition) and share one real database server per run (@gigmart/devdb's global
 * setup). Imported by relative path: vitest bundles config files, so this needs no build.
 */
export function testConfig(
  overrides: UserConfig = {},
  /** The run's global setup: the shared database server unless a workspace needs none or its own. */
  { globalSetup = ['@gigmart/devdb/vitest-setup'] }: { globalSetup?: string[] } = {},
): UserConfig {
  return mergeConfig(
    defineConfig({
      resolve: { conditions: ['development'] },
      ssr: { resolve: { conditions: ['development'] } },
      test: {
        globalSetup,
        testTimeout: 30_000,
        hookTimeout: 180_000,
      },
    }),
    overrides,
  );
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    globalSetup: ['@gigmart/devdb/vitest-setup'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});

import { defineConfig } from 'vitest/config';

// The browser test starts the whole backend in this process (@gigmart/stack/testing), like the
// end-to-end tests in e2e/: same 'development' condition, same shared test database.
export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['@gigmart/devdb/vitest-setup'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

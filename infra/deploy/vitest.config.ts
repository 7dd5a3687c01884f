import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    testTimeout: 30_000,
    // Building Helm and the manifest checker from the Go module proxy on a cold cache takes minutes.
    hookTimeout: 900_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    testTimeout: 30_000,
    // Building Helm and the manifest checker from the Go module proxy on a cold cache takes minutes.
    hookTimeout: 900_000,
    // One file at a time: the cluster run (test/cluster.test.ts) starts ten services, three NATS
    // nodes and HAProxy, and must not share two cores with the Helm build.
    fileParallelism: false,
  },
});

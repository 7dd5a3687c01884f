import { testConfig } from '../../scripts/vitest-config.js';

// The browser test starts the whole backend in this process (@gigmart/stack/testing), like the
// end-to-end tests in e2e/: same 'development' condition, same shared test database.
export default testConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60_000 } });

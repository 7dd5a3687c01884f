import { testConfig } from '../scripts/vitest-config.js';

export default testConfig({ test: { testTimeout: 60_000 } });

import { testConfig } from '../../scripts/vitest-config.js';

export default testConfig({}, { globalSetup: ['./src/vitest-setup.ts'] });

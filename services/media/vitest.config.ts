import { testConfig } from '../../scripts/vitest-config.js';

export default testConfig();

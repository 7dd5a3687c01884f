import { testConfig } from '../scripts/vitest-config.js';

export default testConfig({
  // Processed by vite so that it shares our copy of graphql-js (graphql-js refuses schemas from another copy).
  test: { server: { deps: { inline: ['@graphql-inspector/core'] } } },
});

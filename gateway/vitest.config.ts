import { createRequire } from 'node:module';
import { testConfig } from '../scripts/vitest-config.js';

const require = createRequire(import.meta.url);

export default testConfig({
  // One copy of graphql-js for everything (graphql-js refuses a schema or type from another copy):
  // @apollo/gateway requires its CommonJS build, as our code does under Node; vite would otherwise
  // give our sources its ES module build, a second copy, and @graphql-inspector/core is processed
  // by vite so that it shares the same one.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: { server: { deps: { inline: ['@graphql-inspector/core'] } } },
});

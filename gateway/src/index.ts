export { startGateway, type GatewayContext, type GatewayOptions } from './app.js';
export { composeModules, loadSubgraphSources, type SubgraphSource } from './compose.js';
export { gatewayEnvSchema, type GatewayConfig } from './config.js';
export { compose, RetryingComposer } from './supergraph.js';

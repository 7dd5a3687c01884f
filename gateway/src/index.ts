export { startGateway, type GatewayContext } from './app.js';
export { gatewayEnvSchema, type GatewayConfig } from './config.js';
export { compose, RetryingComposer } from './supergraph.js';

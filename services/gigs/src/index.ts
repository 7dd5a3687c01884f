export { startGigsService, type GigsServiceOptions } from './app.js';
export { gigsEnvSchema } from './config.js';
export { subgraphModules } from './modules.js';

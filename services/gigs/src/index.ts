export { startGigsService, type GigsServiceOptions, type StartedGigs } from './app.js';
export { gigsEnvSchema } from './config.js';
export { subgraphModules } from './modules.js';
export { gigModel, type GigDoc } from './modules/gigs/index.js';
export { orderFactModel, reconcileStats, type ReconcileReport } from './modules/stats/index.js';

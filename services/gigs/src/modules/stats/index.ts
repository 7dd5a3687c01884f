/** Order events: no schema of its own; its results are the gigs' `stats`, which search sorts and filters on. */
export { orderFactModel, type OrderFactDoc, type OrderFactModel } from './model.js';
export { registerStatsRoutes } from './routes.js';
export {
  applyOrderFacts,
  recomputeGigStats,
  reconcileStats,
  recordFacts,
  type GigStatsChange,
  type OrderFactsSource,
  type ReconcileReport,
  type StatsContext,
} from './service.js';
export { factRow, ratingSortKey, summarize, type GigStats } from './rules.js';

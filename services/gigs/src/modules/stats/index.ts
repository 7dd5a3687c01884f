export { orderFactModel, type OrderFactDoc, type OrderFactModel } from './model.js';
export { createOrderFactsHandler, recomputeGigStats, recordFacts, type StatsModels } from './apply.js';
export { reconcileStats, describeChange, type ReconcileReport, type GigStatsChange } from './reconcile.js';
export { factRow, summarize, ratingSortKey, type GigStats } from './rules.js';

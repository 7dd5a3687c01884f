import type { SubgraphModule } from '@gigmart/shared';
import { responseResolvers } from './resolvers.js';
import { responseTypeDefs } from './schema.js';

/** Sellers' response rate and time (User.responseRate, User.responseTimeMinutes), from the facts the conversations module records. */
export const responseModule: SubgraphModule = { typeDefs: responseTypeDefs, resolvers: responseResolvers };
export { responseDayModel, type ResponseDayDoc, type ResponseDayModel } from './model.js';
export { NO_METRICS, type ResponseMetrics } from './rules.js';
export { recordResponseFacts, responseMetricsOf, type UserRef } from './service.js';

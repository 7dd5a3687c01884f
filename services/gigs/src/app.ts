import { randomUUID } from 'node:crypto';
import {
  WorkLimit,
  createMemberDirectory,
  openDatabase,
  serveSubgraph,
  subscribeNatsEvents,
  type BackgroundTask,
  type DomainEvent,
  type EventHandler,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { createContext, gigsModels, type GigsModels, type GigsServices } from './context.js';
import { subgraphModules } from './modules.js';
import { CategoryCatalog, seedCategories } from './modules/categories/index.js';
import { registerGigRoutes } from './modules/gigs/index.js';
import { createSearchLimit, type SearchLimitOptions } from './modules/search/index.js';
import { applyOrderFacts, registerStatsRoutes } from './modules/stats/index.js';

export interface GigsServiceOptions extends ServiceOptions {
  /**
   * The order facts from the orders service: always accepted over HTTP at EVENTS_ROUTE (service
   * credential), and also pulled from NATS JetStream (durable consumer "gigs") when `natsUrl` is set.
   */
  events?: {
    natsUrl?: string;
    /** JetStream stream and subject prefix (tests use their own). */
    natsStream?: string;
    natsSubjectPrefix?: string;
    /** Sees every delivered batch before it is applied (tests count deliveries). */
    observe?: (events: DomainEvent[]) => void;
  };
  /**
   * How many searches run at once and may wait (GIGS_SEARCH_CONCURRENCY, GIGS_SEARCH_QUEUE; default
   * DEFAULT_SEARCH_LIMIT). Tests may hand in the limit itself, to hold its turns.
   */
  searchLimit?: Partial<SearchLimitOptions> | WorkLimit;
}

/** The database, the collaborators every request shares, then the subgraph over HTTP. */
export async function startGigsService(options: GigsServiceOptions): Promise<StartedSubgraph<GigsModels>> {
  const { logger, serviceToken } = options;
  const { connection, models } = await openDatabase({ logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'gigs' }, gigsModels);
  const tasks: BackgroundTask[] = [];
  try {
    await seedCategories(models.Category);
    const services: GigsServices = {
      models,
      categories: new CategoryCatalog(models.Category),
      members: createMemberDirectory({ usersUrl: options.urls.users, serviceToken }),
      clock: options.clock ?? (() => new Date()),
      searchLimit: options.searchLimit instanceof WorkLimit ? options.searchLimit : createSearchLimit(options.searchLimit),
    };
    // Work no member asked for runs with a context of its own, without a viewer.
    const onOrderFacts: EventHandler = async (events) => {
      options.events?.observe?.(events);
      await applyOrderFacts(createContext({ requestId: randomUUID(), logger, viewer: null }, services), events);
    };
    const natsUrl = options.events?.natsUrl;
    if (natsUrl) {
      const subscription = await subscribeNatsEvents({
        servers: natsUrl,
        stream: options.events?.natsStream,
        subjectPrefix: options.events?.natsSubjectPrefix,
        durable: 'gigs',
        logger,
        handler: onOrderFacts,
      });
      tasks.push({ stop: () => subscription.close() });
    }
    return await serveSubgraph(models, {
      name: 'gigs',
      port: options.port,
      host: options.host,
      logger,
      connection,
      modules: subgraphModules,
      verifyAccessToken: options.verifyAccessToken,
      usersUrl: options.urls.users,
      requestDeadlineMs: options.requestDeadlineMs,
      context: (base) => createContext(base, services),
      routes: (app) => {
        registerGigRoutes(app, {
          serviceToken,
          context: (req) => createContext({ requestId: req.requestId, logger: req.log, viewer: null }, services),
        });
        registerStatsRoutes(app, { serviceToken, logger, handler: onOrderFacts });
      },
      tasks,
    });
  } catch (error) {
    for (const task of tasks) await task.stop();
    await connection.close();
    throw error;
  }
}

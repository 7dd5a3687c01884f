import { randomUUID } from 'node:crypto';
import {
  WorkLimit,
  createMemberDirectory,
  isOrderFactEvent,
  openDatabase,
  serveSubgraph,
  subscribeNatsEvents,
  type BackgroundTask,
  type DomainEvent,
  type EventHandler,
  type ServiceOptions,
  type StartedSubgraph,
  mediaClientFor,
} from '@gigmart/shared';
import { createContext, gigsModels, type GigsModels, type GigsServices } from './context.js';
import { subgraphModules } from './modules.js';
import { CategoryCatalog, seedCategories } from './modules/categories/index.js';
import { dropStoredWords, registerGigRoutes } from './modules/gigs/index.js';
import {
  createSearchLimit,
  DEFAULT_RECONCILE_INTERVAL_MS,
  GigSearchIndex,
  SearchIndexSync,
  type SearchLimitOptions,
} from './modules/search/index.js';
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
  /**
   * How often this process compares its search index with the database and repairs drift
   * (GIGS_SEARCH_RECONCILE_SECONDS; default DEFAULT_RECONCILE_INTERVAL_MS).
   */
  searchReconcileMs?: number;
}

/** The running service; `search` is its search index's keeper (tests reconcile it after writing straight into the database). */
export type StartedGigs = StartedSubgraph<GigsModels> & { search: SearchIndexSync };

/** The database, the collaborators every request shares, then the subgraph over HTTP. */
export async function startGigsService(options: GigsServiceOptions): Promise<StartedGigs> {
  const { logger, serviceToken } = options;
  const { connection, models } = await openDatabase({ logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'gigs' }, gigsModels);
  const tasks: BackgroundTask[] = [];
  try {
    await seedCategories(models.Category);
    const cleaned = await dropStoredWords(models.Gig);
    if (cleaned) logger.info({ gigs: cleaned }, 'removed the word lists an earlier version stored in gigs');
    // The search index is built before the first request, then kept current (modules/search/sync.ts).
    const search = new SearchIndexSync(new GigSearchIndex(), models.Gig, logger);
    const indexed = await search.build();
    logger.info({ gigs: indexed }, 'search index built');
    tasks.push(search.start(options.searchReconcileMs ?? DEFAULT_RECONCILE_INTERVAL_MS));
    const services: GigsServices = {
      models,
      categories: new CategoryCatalog(models.Category),
      members: createMemberDirectory({ usersUrl: options.urls.users, serviceToken }),
      clock: options.clock ?? (() => new Date()),
      searchLimit: options.searchLimit instanceof WorkLimit ? options.searchLimit : createSearchLimit(options.searchLimit),
      searchIndex: search.index,
      media: mediaClientFor(options.urls.media, serviceToken),
    };
    // Work no member asked for runs with a context of its own, without a viewer.
    const onOrderFacts: EventHandler = async (events) => {
      options.events?.observe?.(events);
      await applyOrderFacts(createContext({ requestId: randomUUID(), logger, viewer: null }, services), events);
      // Sales and ratings order searches: the touched gigs are read again into the index.
      await search.refresh(events.flatMap((event) => (isOrderFactEvent(event) ? [event.data.gigId] : [])));
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
    const started = await serveSubgraph(models, {
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
    return { ...started, search };
  } catch (error) {
    for (const task of tasks) await task.stop();
    await connection.close();
    throw error;
  }
}

import {
  createByIdLoader,
  createMemberDirectory,
  EVENTS_ROUTE,
  httpEventReceiver,
  startSubgraph,
  subscribeNatsEvents,
  type BackgroundTask,
  type DomainEvent,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import express from 'express';
import { CategoryCatalog, categoryModel, seedCategories } from './modules/categories/index.js';
import type { GigsContext, GigsModels } from './context.js';
import { gigModel, type GigDoc } from './modules/gigs/index.js';
import { registerInternalRoutes } from './modules/gigs/routes.js';
import { subgraphModules } from './modules.js';
import { savedGigModel } from './modules/saved/index.js';
import { createOrderFactsHandler, orderFactModel } from './modules/stats/index.js';

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
}

export async function startGigsService(options: GigsServiceOptions): Promise<StartedSubgraph<GigsModels>> {
  let catalog: CategoryCatalog | null = null;
  const members = createMemberDirectory({ usersUrl: options.urls.users, serviceToken: options.serviceToken });
  const clock = options.clock ?? (() => new Date());
  return startSubgraph<GigsModels, GigsContext>({
    name: 'gigs',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'gigs',
    usersUrl: options.urls.users,
    verifyAccessToken: options.verifyAccessToken,
    models: (connection) => ({
      Category: categoryModel(connection),
      Gig: gigModel(connection),
      SavedGig: savedGigModel(connection),
      OrderFact: orderFactModel(connection),
    }),
    modules: subgraphModules,
    routes: (app, models) => {
      registerInternalRoutes(app, { Gig: models.Gig, serviceToken: options.serviceToken });
      app.post(
        EVENTS_ROUTE,
        express.json({ limit: '1mb' }),
        httpEventReceiver({ serviceToken: options.serviceToken, logger: options.logger, handler: createOrderFactsHandler(models, options.logger, options.events?.observe) }),
      );
    },
    onStart: async (models) => {
      await seedCategories(models.Category);
      catalog = new CategoryCatalog(models.Category);
      const tasks: BackgroundTask[] = [];
      const events = options.events;
      if (events?.natsUrl) {
        const subscription = await subscribeNatsEvents({
          servers: events.natsUrl,
          stream: events.natsStream,
          subjectPrefix: events.natsSubjectPrefix,
          durable: 'gigs',
          logger: options.logger,
          handler: createOrderFactsHandler(models, options.logger, events.observe),
        });
        tasks.push({ stop: () => subscription.close() });
      }
      return tasks;
    },
    context: (base, models) => ({
      ...base,
      models,
      categories: catalog!,
      members,
      clock,
      loaders: { gigById: createByIdLoader<GigDoc>(models.Gig) },
    }),
  });
}

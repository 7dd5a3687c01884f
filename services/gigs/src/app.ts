import { createByIdLoader, createMemberDirectory, startSubgraph, type ServiceOptions, type StartedSubgraph } from '@gigmart/shared';
import { CategoryCatalog, categoryModel, seedCategories } from './categories/index.js';
import type { GigsContext, GigsModels } from './context.js';
import { gigModel, type GigDoc } from './gigs/index.js';
import { registerInternalRoutes } from './internal/lookup.js';
import { subgraphModules } from './modules.js';
import { savedGigModel } from './saved/index.js';

export type GigsServiceOptions = ServiceOptions;

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
    models: (connection) => ({ Category: categoryModel(connection), Gig: gigModel(connection), SavedGig: savedGigModel(connection) }),
    modules: subgraphModules,
    routes: (app, models) => registerInternalRoutes(app, { Gig: models.Gig, serviceToken: options.serviceToken }),
    onStart: async (models) => {
      await seedCategories(models.Category);
      catalog = new CategoryCatalog(models.Category);
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

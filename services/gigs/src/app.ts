import { startSubgraph, type ServiceOptions, type Logger, type StartedSubgraph } from '@gigmart/shared';
import { CategoryCatalog, categoriesModule, categoryModel, seedCategories } from './categories/index.js';
import type { GigsContext, GigsModels } from './context.js';

export type GigsServiceOptions = ServiceOptions;

export async function startGigsService(options: GigsServiceOptions): Promise<StartedSubgraph<GigsModels>> {
  let catalog: CategoryCatalog | null = null;
  return startSubgraph<GigsModels, GigsContext>({
    name: 'gigs',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'gigs',
    usersUrl: options.urls.users,
    verifyAccessToken: options.verifyAccessToken,
    models: (connection) => ({ Category: categoryModel(connection) }),
    modules: [categoriesModule],
    onStart: async (models) => {
      await seedCategories(models.Category);
      catalog = new CategoryCatalog(models.Category);
    },
    context: (base, models) => ({ ...base, models, categories: catalog! }),
  });
}

import type { SubgraphModule } from '@gigmart/shared';
import { categoryResolvers } from './resolvers.js';
import { categoryTypeDefs } from './schema.js';

export const categoriesModule: SubgraphModule = { typeDefs: categoryTypeDefs, resolvers: categoryResolvers };
export { CategoryCatalog } from './catalog.js';
export { categoryModel, type CategoryModel, type CategoryDoc } from './model.js';
export { seedCategories } from './seed.js';

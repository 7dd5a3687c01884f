import type { Resolvers } from '../../generated/resolvers.js';
import { childCategories, findCategory, parentCategory, topCategories } from './service.js';

export const categoryResolvers: Resolvers = {
  Query: {
    categories: (_, __, ctx) => topCategories(ctx),
    category: (_, { slug }, ctx) => findCategory(ctx, slug),
  },
  Category: {
    id: (category) => String(category._id),
    parent: (category, _, ctx) => parentCategory(ctx, category),
    children: (category, _, ctx) => childCategories(ctx, category),
  },
};

import type { GigsContext } from '../../context.js';
import type { CategoryDoc } from './model.js';

export const categoryResolvers = {
  Query: {
    categories: (_: unknown, __: unknown, ctx: GigsContext) => ctx.categories.topLevel(),
    category: (_: unknown, args: { slug: string }, ctx: GigsContext) => ctx.categories.bySlug(args.slug),
  },
  Category: {
    id: (category: CategoryDoc) => String(category._id),
    parent: (category: CategoryDoc, _: unknown, ctx: GigsContext) =>
      category.parentId ? ctx.categories.byId(String(category.parentId)) : null,
    children: (category: CategoryDoc, _: unknown, ctx: GigsContext) => ctx.categories.childrenOf(String(category._id)),
  },
};

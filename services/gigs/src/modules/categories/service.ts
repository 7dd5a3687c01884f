import type { GigsContext } from '../../context.js';
import type { CategoryDoc } from './model.js';

/** Top-level categories, in order. Every read is served by the in-memory catalog (catalog.ts). */
export function topCategories(ctx: GigsContext): Promise<CategoryDoc[]> {
  return ctx.categories.topLevel();
}

export function findCategory(ctx: GigsContext, slug: string): Promise<CategoryDoc | null> {
  return ctx.categories.bySlug(slug);
}

export async function parentCategory(ctx: GigsContext, category: CategoryDoc): Promise<CategoryDoc | null> {
  return category.parentId ? ctx.categories.byId(String(category.parentId)) : null;
}

export function childCategories(ctx: GigsContext, category: CategoryDoc): Promise<CategoryDoc[]> {
  return ctx.categories.childrenOf(String(category._id));
}

import type { CategoryModel } from './model.js';
import { CATEGORY_TREE, type CategorySeed } from './tree.js';

function upserts(level: CategorySeed[], parentId: unknown) {
  return level.map((category, position) => ({
    updateOne: {
      filter: { slug: category.slug },
      update: { $set: { name: category.name, position, parentId } },
      upsert: true,
    },
  }));
}

/**
 * Upserts the tree by slug, so it can run on every start: existing ids stay (gigs point at them),
 * renamed or reordered categories are updated, and nothing is duplicated.
 */
export async function seedCategories(model: CategoryModel, tree: CategorySeed[] = CATEGORY_TREE): Promise<void> {
  await model.bulkWrite(upserts(tree, null), { ordered: false });
  const parents = await model
    .find({ slug: { $in: tree.map((c) => c.slug) } }, { slug: 1 })
    .lean()
    .exec();
  const idBySlug = new Map(parents.map((p) => [p.slug, p._id]));
  const children = tree.flatMap((parent) => upserts(parent.children ?? [], idBySlug.get(parent.slug)));
  if (children.length) await model.bulkWrite(children, { ordered: false });
}

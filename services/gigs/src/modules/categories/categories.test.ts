import { connectDatabase, ensureIndexes } from '@gigmart/shared';
import { testDatabaseName, testLogger, testMongoUri } from '@gigmart/shared/testing';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CategoryCatalog } from './catalog.js';
import { categoryModel, type CategoryModel } from './model.js';
import { seedCategories } from './seed.js';
import { CATEGORY_TREE } from './tree.js';

describe('category seed', () => {
  let connection: Connection;
  let Category: CategoryModel;

  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), testDatabaseName('categories'), testLogger);
    Category = categoryModel(connection);
    await ensureIndexes(connection);
  });
  afterAll(() => connection.close());

  it('is idempotent: a second run changes no id and adds no row', async () => {
    await seedCategories(Category);
    const first = await Category.find().sort({ slug: 1 }).lean();
    await seedCategories(Category);
    const second = await Category.find().sort({ slug: 1 }).lean();
    const expected = CATEGORY_TREE.length + CATEGORY_TREE.reduce((n, c) => n + (c.children?.length ?? 0), 0);
    expect(second).toHaveLength(expected);
    expect(second.map((c) => String(c._id))).toEqual(first.map((c) => String(c._id)));
  });

  it('applies a renamed category and keeps the tree shape', async () => {
    const tree = structuredClone(CATEGORY_TREE);
    tree[0]!.children![0]!.name = 'Logos';
    await seedCategories(Category, tree);
    const catalog = new CategoryCatalog(Category);
    const logo = await catalog.bySlug('logo-design');
    expect(logo?.name).toBe('Logos');
    const parent = await catalog.byId(String(logo!.parentId));
    expect(parent?.slug).toBe('graphics-design');
    expect(await catalog.subtreeIds('graphics-design')).toHaveLength(1 + tree[0]!.children!.length);
    expect(await catalog.subtreeIds('nope')).toBeNull();
  });
});

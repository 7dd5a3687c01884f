import type { BaseContext } from '@gigmart/shared';
import type { CategoryCatalog, CategoryModel } from './categories/index.js';

export interface GigsModels {
  Category: CategoryModel;
}

export interface GigsContext extends BaseContext {
  models: GigsModels;
  categories: CategoryCatalog;
}

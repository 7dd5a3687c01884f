import type { BaseContext, DataLoader, MemberDirectory } from '@gigmart/shared';
import type { CategoryCatalog, CategoryModel } from './modules/categories/index.js';
import type { GigDoc, GigModel } from './modules/gigs/model.js';
import type { SavedGigModel } from './modules/saved/model.js';
import type { OrderFactModel } from './modules/stats/model.js';

export interface GigsModels {
  Category: CategoryModel;
  Gig: GigModel;
  SavedGig: SavedGigModel;
  /** The newest facts of each order, from the orders service (stats/). */
  OrderFact: OrderFactModel;
}

export interface GigsLoaders {
  /** Gigs by id, whatever their status: callers apply the visibility rules. */
  gigById: DataLoader<string, GigDoc | null>;
}

export interface GigsContext extends BaseContext {
  models: GigsModels;
  categories: CategoryCatalog;
  members: MemberDirectory;
  loaders: GigsLoaders;
  clock: () => Date;
}

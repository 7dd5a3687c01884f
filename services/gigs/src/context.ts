import type { BaseContext, DataLoader, MemberDirectory } from '@gigmart/shared';
import type { CategoryCatalog, CategoryModel } from './categories/index.js';
import type { GigDoc, GigModel } from './gigs/model.js';
import type { SavedGigModel } from './saved/model.js';
import type { OrderFactModel } from './stats/model.js';

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

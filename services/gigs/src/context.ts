import type { BaseContext, DataLoader, MemberDirectory } from '@gigmart/shared';
import type { CategoryCatalog, CategoryModel } from './categories/index.js';
import type { GigDoc, GigModel } from './gigs/model.js';
import type { SavedGigModel } from './saved/model.js';

export interface GigsModels {
  Category: CategoryModel;
  Gig: GigModel;
  SavedGig: SavedGigModel;
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

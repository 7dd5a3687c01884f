import {
  createByIdLoader,
  type BaseContext,
  type DataLoader,
  type MediaClient,
  type MemberDirectory,
  type WorkLimit,
} from '@gigmart/shared';
import type { Connection } from 'mongoose';
import { categoryModel, type CategoryCatalog, type CategoryModel } from './modules/categories/index.js';
import { gigModel, type GigDoc, type GigModel } from './modules/gigs/index.js';
import { savedGigModel, type SavedGigModel } from './modules/saved/index.js';
import type { GigSearchIndex } from './modules/search/index.js';
import { orderFactModel, type OrderFactModel } from './modules/stats/index.js';

export interface GigsModels {
  Category: CategoryModel;
  Gig: GigModel;
  SavedGig: SavedGigModel;
  /** The newest facts of each order, from the orders service (modules/stats). */
  OrderFact: OrderFactModel;
}

/** The service's models, registered on its connection (start-up and the CLI). */
export function gigsModels(connection: Connection): GigsModels {
  return {
    Category: categoryModel(connection),
    Gig: gigModel(connection),
    SavedGig: savedGigModel(connection),
    OrderFact: orderFactModel(connection),
  };
}

/** What start-up builds once and every request shares. */
export interface GigsServices {
  models: GigsModels;
  /** The category tree, kept in memory (seeded before the catalog is made). */
  categories: CategoryCatalog;
  /** Seller rights, from the users service. */
  members: MemberDirectory;
  clock: () => Date;
  /** Searches running at once in this process, and waiting (modules/search). */
  searchLimit: WorkLimit;
  /** This process's search index over the ACTIVE gigs (modules/search), kept current by SearchIndexSync. */
  searchIndex: GigSearchIndex;
  /** The media service's attach route (gallery images); null without MEDIA_URL: no gallery can be set. */
  media: MediaClient | null;
}

export interface GigsLoaders {
  /** Gigs by id, whatever their status: callers apply the visibility rules. */
  gigById: DataLoader<string, GigDoc | null>;
}

export interface GigsContext extends BaseContext, GigsServices {
  loaders: GigsLoaders;
}

/**
 * A request's context: who is asking, the shared services, and this request's loaders. Work no
 * member asked for (internal routes, the order events, the CLI) passes `viewer: null`.
 */
export function createContext(base: BaseContext, services: GigsServices): GigsContext {
  return {
    ...base,
    ...services,
    loaders: { gigById: createByIdLoader<GigDoc>(services.models.Gig) },
  };
}

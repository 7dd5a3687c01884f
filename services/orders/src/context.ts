import type { BaseContext, GigSnapshot, Viewer } from '@gigmart/shared';
import { isAdmin } from '@gigmart/shared';
import type { Party } from './modules/orders/transitions.js';
import type { MessageModel } from './modules/messages/model.js';
import type { OrderDoc, OrderModel } from './modules/orders/model.js';
import type { OutboxSignal } from './modules/outbox/signal.js';
import type { ReviewModel } from './modules/reviews/model.js';
import { createLoaders, type OrdersLoaders } from './loaders.js';
import type { TrackRecordCache } from './modules/track-record/cache.js';

export interface OrdersModels {
  Order: OrderModel;
  Message: MessageModel;
  Review: ReviewModel;
  /** Not a collection: how writes that record outbox events wake the relay. */
  outboxSignal: OutboxSignal;
}

/** What the domain functions need besides the database. */
export interface OrdersDeps {
  clock: () => Date;
  /** Reads gigs as they are now from the gigs service (service-to-service, never cached). */
  lookupGigs: (ids: string[], requestId?: string) => Promise<GigSnapshot[]>;
  /** Sellers' order totals and ratings as recently read (see track-record/cache.ts). */
  trackRecord: TrackRecordCache;
}

export interface OrdersContext extends BaseContext {
  models: OrdersModels;
  deps: OrdersDeps;
  loaders: OrdersLoaders;
}

export function createContext(base: BaseContext, models: OrdersModels, deps: OrdersDeps): OrdersContext {
  return { ...base, models, deps, loaders: createLoaders(models, deps.trackRecord) };
}

/** The parties the viewer is on an order (a member may be its buyer and an admin). */
export function partiesOf(viewer: Viewer | null, order: Pick<OrderDoc, 'buyerId' | 'sellerId'>): Party[] {
  if (!viewer) return [];
  const parties: Party[] = [];
  if (viewer.id === order.buyerId) parties.push('BUYER');
  if (viewer.id === order.sellerId) parties.push('SELLER');
  if (isAdmin(viewer)) parties.push('ADMIN');
  return parties;
}

/** Buyer, seller and admins see an order; nobody else learns it exists. */
export function canSeeOrder(viewer: Viewer | null, order: Pick<OrderDoc, 'buyerId' | 'sellerId'>): boolean {
  return partiesOf(viewer, order).length > 0;
}

import {
  createByIdLoader,
  createGroupedLoader,
  DataLoader,
  ErrorCode,
  isObjectId,
  requireMember as requireExistingMember,
  type BaseContext,
  type GigSnapshot,
  type HasWrittenRequest,
  type HasWrittenResponse,
  type Member,
  type MemberDirectory,
  type Viewer,
  type MediaClient,
} from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import { Types, type Connection } from 'mongoose';
import { messageModel, type MessageDoc, type MessageModel } from './modules/messages/index.js';
import {
  ledgerEntryModel,
  sellerAccountModel,
  withdrawalModel,
  type LedgerEntryDoc,
  type LedgerEntryModel,
  type PayoutProvider,
  type SellerAccountModel,
  type WithdrawalDoc,
  type WithdrawalModel,
} from './modules/money/index.js';
import { offerDayModel, offerModel, offersByOrderId, type OfferDayModel, type OfferDoc, type OfferModel } from './modules/offers/index.js';
import { orderModel, type OrderDoc, type OrderModel } from './modules/orders/index.js';
import { createOutboxSignal, type OutboxSignal } from './modules/outbox/index.js';
import { reviewModel, type ReviewDoc, type ReviewModel } from './modules/reviews/index.js';
import {
  EMPTY_SELLER_TOTALS,
  orderCountsByGig,
  orderTotalsBySeller,
  ratingTotalsBy,
  type GigOrderCounts,
  type RatingTotals,
  type SellerOrderTotals,
  type TrackRecordCache,
} from './modules/track-record/index.js';

export interface OrdersModels {
  Order: OrderModel;
  Message: MessageModel;
  Review: ReviewModel;
  Offer: OfferModel;
  /** Offers per seller and UTC day (the daily limit). */
  OfferDay: OfferDayModel;
  /** The sellers' append-only ledger, their withdrawals, and the per-seller withdrawal lock (modules/money). */
  LedgerEntry: LedgerEntryModel;
  Withdrawal: WithdrawalModel;
  SellerAccount: SellerAccountModel;
  /** Not a collection: how writes that record outbox events wake the relay and the track-record cache. */
  outboxSignal: OutboxSignal;
}

/** The service's models on its database connection (start-up's `openDatabase`, and the bench's dataset). */
export function ordersModels(connection: Connection): OrdersModels {
  return {
    Order: orderModel(connection),
    Message: messageModel(connection),
    Review: reviewModel(connection),
    Offer: offerModel(connection),
    OfferDay: offerDayModel(connection),
    LedgerEntry: ledgerEntryModel(connection),
    Withdrawal: withdrawalModel(connection),
    SellerAccount: sellerAccountModel(connection),
    outboxSignal: createOutboxSignal(),
  };
}

/** Reads gigs as they are now from the gigs service (service-to-service, never cached). */
export type GigLookup = (ids: string[], requestId?: string) => Promise<GigSnapshot[]>;

/** Asks the inbox whether a buyer wrote to a seller (shared/src/internal/conversations.ts). */
export type HasWrittenCheck = (request: HasWrittenRequest, requestId?: string) => Promise<HasWrittenResponse>;

/** What the service builds once at start-up (app.ts) and every request and job shares. */
export interface OrdersServices {
  models: OrdersModels;
  /** The time: services take it from here, never from `new Date()`, so tests move it. */
  clock: () => Date;
  lookupGigs: GigLookup;
  hasWritten: HasWrittenCheck;
  /** Who exists, from the users service (batched, briefly cached): requireMember asks it. */
  members: MemberDirectory;
  /** Sellers' order totals and ratings as recently read (modules/track-record/cache.ts). */
  trackRecord: TrackRecordCache;
  /** Pays withdrawals out (modules/money/payouts.ts): the one function a real provider replaces. */
  payout: PayoutProvider;
  /**
   * Copy ledger lines into the ledger in the request that wrote them (true), or leave that to the
   * sweep (false: what a crash right after the change leaves; tests of convergence).
   */
  applyLedgerAtOnce: boolean;
  /** The media service's attach route (delivery files); null without MEDIA_URL: files cannot be delivered. */
  media: MediaClient | null;
}

/** Per-request loaders: everything asked for many orders, gigs or sellers at once is one query per batch. */
export interface OrdersLoaders {
  orderById: DataLoader<string, OrderDoc | null>;
  reviewById: DataLoader<string, ReviewDoc | null>;
  reviewByOrderId: DataLoader<string, ReviewDoc | null>;
  messagesByOrderId: DataLoader<string, MessageDoc[]>;
  gigRating: DataLoader<string, RatingTotals>;
  sellerRating: DataLoader<string, RatingTotals>;
  gigOrderCounts: DataLoader<string, GigOrderCounts>;
  sellerOrderTotals: DataLoader<string, SellerOrderTotals>;
  offerById: DataLoader<string, OfferDoc | null>;
  /** Order.offer: the offer an order was placed from, by order id. */
  offerByOrderId: DataLoader<string, OfferDoc | null>;
  ledgerEntryById: DataLoader<string, LedgerEntryDoc | null>;
  withdrawalById: DataLoader<string, WithdrawalDoc | null>;
}

/** What a request carries: who asks (BaseContext), the service's models and collaborators, its own loaders. */
export interface OrdersContext extends BaseContext, OrdersServices {
  loaders: OrdersLoaders;
}

/** A request of a signed-in member who exists (requireMember): what operations that act for a member take. */
export interface MemberContext extends OrdersContext {
  viewer: Viewer;
  /** The member as the users service knows them. */
  member: Member;
}

/** A request's context; jobs make theirs the same way, with no viewer. */
export function createContext(base: BaseContext, services: OrdersServices): OrdersContext {
  return { ...base, ...services, loaders: createLoaders(services) };
}

/**
 * The context of a signed-in member who exists, or UNAUTHENTICATED: without a token, and with a
 * validly signed token for a member the users service does not know (shared requireMember, through
 * the member directory). Every mutation that acts for a member starts here.
 */
export async function requireMember(ctx: OrdersContext): Promise<MemberContext> {
  try {
    const { viewer, member } = await requireExistingMember(ctx);
    return { ...ctx, viewer, member };
  } catch (error) {
    // UNAUTHENTICATED as it is; the directory not answering is an outage, not the member's fault.
    if (error instanceof GraphQLError) throw error;
    ctx.logger.warn({ err: error }, 'member directory unavailable');
    throw membersUnavailable();
  }
}

/** The users service did not answer: the public SERVICE_UNAVAILABLE code of shared/src/errors.ts. */
function membersUnavailable(): GraphQLError {
  return new GraphQLError('Your account cannot be checked right now; try again in a moment.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });
}

const NO_RATING = (): RatingTotals => ({ count: 0, sum: 0 });
const NO_ORDERS = (): GigOrderCounts => ({ completed: 0, inQueue: 0 });
const NO_TOTALS = (): SellerOrderTotals => ({ ...EMPTY_SELLER_TOTALS });

const objectIds = (ids: readonly string[]) => [...new Set(ids.filter(isObjectId))].map((id) => new Types.ObjectId(id));

function createLoaders({ models, trackRecord }: OrdersServices): OrdersLoaders {
  const { Order, Review, Message, Offer, LedgerEntry, Withdrawal } = models;
  return {
    orderById: createByIdLoader<OrderDoc>(Order),
    reviewById: createByIdLoader<ReviewDoc>(Review),
    reviewByOrderId: new DataLoader<string, ReviewDoc | null>(async (orderIds) => {
      const valid = objectIds(orderIds);
      const found = valid.length
        ? await Review.find({ orderId: { $in: valid } })
            .lean<ReviewDoc[]>()
            .exec()
        : [];
      const byOrder = new Map(found.map((r) => [String(r.orderId), r]));
      return orderIds.map((id) => byOrder.get(id) ?? null);
    }),
    messagesByOrderId: new DataLoader<string, MessageDoc[]>(async (orderIds) => {
      const valid = objectIds(orderIds);
      const found = valid.length
        ? await Message.find({ orderId: { $in: valid } })
            .sort({ sentAt: 1, _id: 1 })
            .lean<MessageDoc[]>()
            .exec()
        : [];
      const byOrder = new Map<string, MessageDoc[]>();
      for (const m of found) byOrder.set(String(m.orderId), [...(byOrder.get(String(m.orderId)) ?? []), m]);
      return orderIds.map((id) => byOrder.get(id) ?? []);
    }),
    offerById: createByIdLoader<OfferDoc>(Offer),
    offerByOrderId: new DataLoader<string, OfferDoc | null>((orderIds) => offersByOrderId(Offer, orderIds)),
    ledgerEntryById: createByIdLoader<LedgerEntryDoc>(LedgerEntry),
    withdrawalById: createByIdLoader<WithdrawalDoc>(Withdrawal),
    gigRating: createGroupedLoader((ids) => ratingTotalsBy(Review, 'gigId', ids), NO_RATING),
    sellerRating: createGroupedLoader(
      (ids) => trackRecord.rating.load(ids, (missing) => ratingTotalsBy(Review, 'sellerId', missing), NO_RATING),
      NO_RATING,
    ),
    gigOrderCounts: createGroupedLoader((ids) => orderCountsByGig(Order, ids), NO_ORDERS),
    // The cache fills in every seller asked for, so the loaders' own fallback never applies.
    sellerOrderTotals: createGroupedLoader(
      (ids) => trackRecord.orderTotals.load(ids, (missing) => orderTotalsBySeller(Order, missing), NO_TOTALS),
      NO_TOTALS,
    ),
  };
}

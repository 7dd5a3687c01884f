import { gigModel, orderFactModel } from '@gigmart/gigs';
import { inboxModels } from '@gigmart/inbox';
import { ordersModels } from '@gigmart/orders';
import { credentialModel, userModel } from '@gigmart/users';
import mongoose, { Types } from 'mongoose';
// Pure functions of the services, imported from source so stored fields are derived exactly as the
// services derive them (neither is part of a service's public exports).
import { hashPassword } from '../../services/users/src/modules/accounts/passwords.js';
import { earningLine, earningsAvailableAtOf } from '../../services/orders/src/modules/money/rules.js';
import { AUTO_COMPLETE_AFTER_MS } from '../../services/orders/src/modules/orders/rules.js';

/**
 * The benchmark's dataset, generated from a seed (same seed, same documents, same ids) and written
 * with insertMany in batches straight into the services' databases through the services' own
 * mongoose models, so every document has the shape and the stored fields the services expect:
 * gig search words, starting price, and `stats` / `ratingSortKey` consistent with the generated
 * orders and reviews.
 */
export interface DatasetSize {
  sellers: number;
  buyers: number;
  gigs: number;
  orders: number;
  reviews: number;
  /** Inbox conversations between buyers and sellers, 3 messages each; the reader has 60 of them. */
  conversations: number;
}

export const FULL_SIZE: DatasetSize = {
  sellers: 500,
  buyers: 2000,
  gigs: 10_000,
  orders: 50_000,
  reviews: 20_000,
  conversations: 5_000,
};

/** The accounts the benchmark signs in as (they have credentials; nobody else needs any). */
export const BENCH_PASSWORD = 'bench-password-123';
export const BENCH_READER = 'bench_reader';
export const BENCH_WRITER = 'bench_writer';

export interface DatabaseNames {
  users: string;
  gigs: string;
  orders: string;
  /** Where the inbox's conversations go; none: no conversations are generated. */
  inbox?: string;
}

export interface GeneratedDataset {
  size: DatasetSize;
  /** Top-level category slugs with ACTIVE gigs, the largest first (search filters). */
  categorySlugs: string[];
  /** ACTIVE gigs (gig pages, orders to place). */
  activeGigIds: string[];
  readerId: string;
  writerId: string;
  /** Orders of the reader (myOrders). */
  readerOrders: number;
  /** The reader's conversations (a page of 20 and more). */
  readerConversations: number;
  millis: number;
}

/** mulberry32: small, fast, good enough to spread benchmark data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE_TIME = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

/** Deterministic ObjectIds: a kind byte and a counter, with a plausible timestamp. */
function idOf(kind: number, n: number): Types.ObjectId {
  const seconds = Math.floor(BASE_TIME / 1000) + n;
  return new Types.ObjectId(seconds.toString(16).padStart(8, '0') + kind.toString(16).padStart(4, '0') + n.toString(16).padStart(12, '0'));
}

const WORDS = [
  'logo',
  'brand',
  'modern',
  'minimalist',
  'website',
  'landing',
  'page',
  'react',
  'wordpress',
  'shopify',
  'seo',
  'audit',
  'video',
  'editing',
  'animation',
  'voice',
  'over',
  'translation',
  'article',
  'blog',
  'copywriting',
  'social',
  'media',
  'marketing',
  'illustration',
  'portrait',
  'mobile',
  'app',
  'python',
  'script',
  'data',
  'analysis',
  'excel',
  'dashboard',
  'podcast',
  'mixing',
  'mastering',
  'resume',
  'business',
  'plan',
  'presentation',
  'packaging',
  'label',
  'icon',
  'ui',
  'ux',
];
const TIERS = ['BASIC', 'STANDARD', 'PREMIUM'] as const;

/** "FO" and 8 characters of the orders service's alphabet, counting: unique, and valid. */
const ORDER_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function orderNumber(n: number): string {
  let out = '';
  for (let i = 0, rest = n; i < 8; i += 1, rest = Math.floor(rest / ORDER_NUMBER_ALPHABET.length)) {
    out = ORDER_NUMBER_ALPHABET[rest % ORDER_NUMBER_ALPHABET.length]! + out;
  }
  return `FO${out}`;
}

async function insertInBatches<T>(model: mongoose.Model<T>, docs: object[], batch = 1000): Promise<void> {
  for (let i = 0; i < docs.length; i += batch) {
    // Not lean: mongoose casts, validates and applies the schema's defaults, as the service would.
    await model.insertMany(docs.slice(i, i + batch), { ordered: false });
  }
}

export async function generateDataset(options: {
  uri: string;
  databases: DatabaseNames;
  size?: DatasetSize;
  /** The time of the run: DELIVERED orders are recent relative to it (default: now). */
  now?: Date;
  seed?: number;
  log?: (line: string) => void;
}): Promise<GeneratedDataset> {
  const started = Date.now();
  const now = (options.now ?? new Date()).getTime();
  const size = options.size ?? FULL_SIZE;
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const log = options.log ?? (() => {});

  const connect = (dbName: string) => mongoose.createConnection(options.uri, { dbName, autoIndex: false, autoCreate: false }).asPromise();
  const [usersDb, gigsDb, ordersDb] = await Promise.all([
    connect(options.databases.users),
    connect(options.databases.gigs),
    connect(options.databases.orders),
  ]);
  try {
    const User = userModel(usersDb);
    const Credential = credentialModel(usersDb);
    const Gig = gigModel(gigsDb);
    const OrderFact = orderFactModel(gigsDb);
    const { Order, Review, LedgerEntry } = ordersModels(ordersDb);

    // The category tree is the gigs service's own (seeded when it starts): gigs go into leaves.
    const categories = await gigsDb
      .collection<{ _id: Types.ObjectId; slug: string; parentId: Types.ObjectId | null }>('categories')
      .find()
      .toArray();
    const leaves = categories.filter((c) => c.parentId);
    if (!leaves.length) throw new Error('no categories: start the gigs service before generating the dataset');

    // Members: sellers first, then buyers, then the two accounts the benchmark signs in as.
    const users: object[] = [];
    const sellerIds: Types.ObjectId[] = [];
    const buyerIds: Types.ObjectId[] = [];
    const memberCount = size.sellers + size.buyers;
    for (let i = 0; i < memberCount + 2; i += 1) {
      const seller = i < size.sellers;
      const id = idOf(1, i);
      const username = i === memberCount ? BENCH_READER : i === memberCount + 1 ? BENCH_WRITER : `${seller ? 'seller' : 'buyer'}_${i}`;
      const createdAt = new Date(BASE_TIME - int(200, 700) * DAY);
      users.push({
        _id: id,
        email: `${username}@bench.example.com`,
        username,
        displayName: `${seller ? 'Seller' : 'Buyer'} ${i}`,
        avatarUrl: null,
        bio: seller ? `I have been doing ${pick(WORDS)} work for ${int(2, 15)} years.` : null,
        country: pick(['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'NG', 'PK', 'UA', 'PH']),
        languages: [{ code: 'en', level: pick(['FLUENT', 'NATIVE'] as const) }],
        skills: seller ? [pick(WORDS), pick(WORDS)] : [],
        roles: seller ? ['BUYER', 'SELLER'] : ['BUYER'],
        sellerProfile: seller
          ? { headline: `Professional ${pick(WORDS)} ${pick(WORDS)} services`, sellerSince: new Date(createdAt.getTime() + DAY) }
          : null,
        createdAt,
        updatedAt: createdAt,
      });
      if (seller) sellerIds.push(id);
      else if (i < memberCount) buyerIds.push(id);
    }
    const readerId = idOf(1, memberCount);
    const writerId = idOf(1, memberCount + 1);
    await insertInBatches(User, users);
    // One scrypt hash (about 0.1 s) shared by both accounts: the salt is stored with it.
    const hash = await hashPassword(BENCH_PASSWORD);
    await Credential.insertMany([readerId, writerId].map((_id) => ({ _id, ...hash })));
    log(`users: ${users.length}`);

    // Gigs, 3 packages each; about 5% paused (visible by id, not listed, not orderable).
    interface GigRow {
      _id: Types.ObjectId;
      sellerId: Types.ObjectId;
      status: string;
      packages: Array<{ tier: string; name: string; priceCents: number; deliveryDays: number; revisions: number | null }>;
      title: string;
      ordersCompleted: number;
      ordersInQueue: number;
      ratingSum: number;
      ratingCount: number;
    }
    const gigs: GigRow[] = [];
    const gigDocs: Array<Record<string, unknown>> = [];
    for (let i = 0; i < size.gigs; i += 1) {
      const sellerId = sellerIds[i % sellerIds.length]!;
      const category = pick(leaves);
      const title = `I will create a ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} for your ${pick(WORDS)}`;
      const tags = [...new Set([pick(WORDS), pick(WORDS), pick(WORDS)])];
      const description = `Gig ${i}: ${Array.from({ length: 30 }, () => pick(WORDS)).join(' ')}.`;
      const base = int(5, 200) * 100;
      const packages = TIERS.map((tier, t) => ({
        tier,
        name: `${tier[0]}${tier.slice(1).toLowerCase()} ${pick(WORDS)}`,
        description: `The ${tier.toLowerCase()} package: ${pick(WORDS)} and ${pick(WORDS)}.`,
        priceCents: base * (t + 1) * (t + 1),
        deliveryDays: int(1, 5) + t * 3,
        revisions: t === 2 ? null : t + 1,
        features: [pick(WORDS), pick(WORDS)],
      }));
      const status = random() < 0.05 ? 'PAUSED' : 'ACTIVE';
      const createdAt = new Date(BASE_TIME - int(30, 600) * DAY);
      const row: GigRow = {
        _id: idOf(2, i),
        sellerId,
        status,
        packages,
        title,
        ordersCompleted: 0,
        ordersInQueue: 0,
        ratingSum: 0,
        ratingCount: 0,
      };
      gigs.push(row);
      gigDocs.push({
        _id: row._id,
        slug: `${title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}-${i}`,
        title,
        description,
        sellerId,
        categoryId: category._id,
        tags,
        images: [`https://images.example.com/gigs/${i}.jpg`],
        packages,
        faqs: [{ question: 'Do you offer refunds?', answer: 'Yes, before work starts.' }],
        requirements: random() < 0.5 ? [{ _id: idOf(3, i), question: 'What is your brand name?', required: true }] : [],
        status,
        publishedAt: createdAt,
        startingPriceCents: Math.min(...packages.map((p) => p.priceCents)),
        minDeliveryDays: Math.min(...packages.map((p) => p.deliveryDays)),
        createdAt,
        updatedAt: createdAt,
      });
    }

    // Orders: mostly completed; the reader gets a page's worth and more of their own.
    const STATUS_WEIGHTS: Array<[string, number]> = [
      ['COMPLETED', 0.62],
      ['CANCELLED', 0.08],
      ['IN_PROGRESS', 0.15],
      ['DELIVERED', 0.08],
      ['AWAITING_REQUIREMENTS', 0.04],
      ['IN_REVISION', 0.03],
    ];
    const drawStatus = () => {
      let r = random();
      for (const [status, weight] of STATUS_WEIGHTS) if ((r -= weight) < 0) return status;
      return 'COMPLETED';
    };
    const readerOrders = Math.min(40, Math.floor(size.orders / 10));
    const orders: Array<Record<string, unknown>> = [];
    const completed: number[] = [];
    const gigOfOrder: GigRow[] = [];
    for (let i = 0; i < size.orders; i += 1) {
      const gig = pick(gigs);
      const pkg = pick(gig.packages);
      const buyerId = i < readerOrders ? readerId : pick(buyerIds);
      const status = drawStatus();
      const createdAt = new Date(BASE_TIME - int(1, 400) * DAY - int(0, DAY - 1));
      const startedAt = status === 'AWAITING_REQUIREMENTS' ? null : createdAt;
      const dueAt = startedAt ? new Date(startedAt.getTime() + pkg.deliveryDays * DAY) : null;
      const delivered = status === 'DELIVERED' || status === 'COMPLETED' || status === 'IN_REVISION';
      // A DELIVERED order was delivered within the last 3 days (older ones would have been completed
      // by the orders service's auto-completion, which would otherwise do it during the run).
      const deliveredAt = !delivered
        ? null
        : status === 'DELIVERED'
          ? new Date(now - Math.floor(random() * (AUTO_COMPLETE_AFTER_MS - DAY)))
          : new Date(createdAt.getTime() + int(1, pkg.deliveryDays + 2) * DAY);
      const completedAt = status === 'COMPLETED' ? new Date((deliveredAt ?? createdAt).getTime() + 2 * DAY) : null;
      const subtotalCents = pkg.priceCents;
      const serviceFeeCents = Math.round(subtotalCents * 0.05) + 200;
      const id = idOf(4, i);
      orders.push({
        _id: id,
        number: orderNumber(i),
        buyerId: String(buyerId),
        sellerId: String(gig.sellerId),
        gigId: String(gig._id),
        idempotencyKey: `auto:${id.toHexString()}`,
        package: {
          tier: pkg.tier,
          name: pkg.name,
          priceCents: pkg.priceCents,
          deliveryDays: pkg.deliveryDays,
          revisions: pkg.revisions,
          gigTitle: gig.title,
        },
        requirementQuestions: [],
        requirements: [],
        status,
        subtotalCents,
        serviceFeeCents,
        totalCents: subtotalCents + serviceFeeCents,
        sellerEarningsCents: Math.round(subtotalCents * 0.8),
        startedAt,
        dueAt,
        deliveries: deliveredAt ? [{ _id: idOf(5, i), message: 'Here is your work.', attachments: [], deliveredAt }] : [],
        lastDeliveredAt: deliveredAt,
        deliveredLate: Boolean(deliveredAt && dueAt && deliveredAt > dueAt),
        revisionsUsed: status === 'IN_REVISION' ? 1 : 0,
        version: 1,
        events: [{ type: 'PLACED', actorId: String(buyerId), at: createdAt, note: null }],
        completedAt,
        // As the orders service's ledger leaves a completed order (money/ledger.ts): its earning is
        // a ledger line (written below), so the service has nothing to migrate at start.
        ...(completedAt
          ? { earningsInLedger: true, earningsAvailableAt: earningsAvailableAtOf({ completedAt, earningsAvailableAt: null }) }
          : {}),
        cancelledAt: status === 'CANCELLED' ? new Date(createdAt.getTime() + DAY) : null,
        createdAt,
        updatedAt: completedAt ?? createdAt,
      });
      gigOfOrder.push(gig);
      if (status === 'COMPLETED') {
        gig.ordersCompleted += 1;
        completed.push(i);
      } else if (status !== 'CANCELLED') gig.ordersInQueue += 1;
    }
    // Reviews: of distinct completed orders, by their buyers.
    const reviewCount = Math.min(size.reviews, completed.length);
    const ratingOfOrder = new Map<number, number>();
    const reviews: object[] = [];
    for (let r = 0; r < reviewCount; r += 1) {
      // A deterministic shuffle prefix: swap a random later order into place r.
      const j = r + Math.floor(random() * (completed.length - r));
      [completed[r], completed[j]] = [completed[j]!, completed[r]!];
      const order = orders[completed[r]!]!;
      const gig = gigOfOrder[completed[r]!]!;
      const rating = random() < 0.7 ? 5 : random() < 0.7 ? 4 : int(1, 3);
      gig.ratingSum += rating;
      gig.ratingCount += 1;
      ratingOfOrder.set(completed[r]!, rating);
      reviews.push({
        _id: idOf(6, r),
        orderId: order['_id'],
        gigId: order['gigId'],
        authorId: order['buyerId'],
        sellerId: order['sellerId'],
        rating,
        communication: rating,
        serviceAsDescribed: rating,
        recommend: rating,
        comment: `Great ${pick(WORDS)} work, ${pick(WORDS)} delivered as promised.`,
        sellerResponse: null,
        respondedAt: null,
        createdAt: new Date((order['completedAt'] as Date).getTime() + DAY),
      });
    }
    // The gigs' stored counters, as the order events would have left them.
    for (let i = 0; i < gigs.length; i += 1) {
      const row = gigs[i]!;
      const average = row.ratingCount ? row.ratingSum / row.ratingCount : null;
      Object.assign(gigDocs[i]!, {
        stats: {
          ordersCompleted: row.ordersCompleted,
          ordersInQueue: row.ordersInQueue,
          ratingSum: row.ratingSum,
          ratingCount: row.ratingCount,
          ratingAverage: average,
        },
        ratingSortKey: average ?? -1,
      });
    }
    await insertInBatches(Gig, gigDocs);
    log(`gigs: ${gigDocs.length}`);
    await insertInBatches(Order, orders);
    log(`orders: ${orders.length}`);
    await insertInBatches(Review, reviews);
    await insertInBatches(
      LedgerEntry,
      orders.flatMap((order, i) =>
        !order['earningsInLedger']
          ? []
          : [
              {
                _id: idOf(7, i),
                ...earningLine(
                  { _id: order['_id'] as Types.ObjectId, sellerId: order['sellerId'] as string },
                  order['sellerEarningsCents'] as number,
                  order['earningsAvailableAt'] as Date,
                  order['completedAt'] as Date,
                ),
              },
            ],
      ),
    );
    log(`reviews: ${reviews.length}, ledger lines: ${completed.length}`);
    // The gigs service's own record of each order (what its counters are recomputed from when an
    // order event arrives), as the order events would have left it.
    const OPEN = new Set(['AWAITING_REQUIREMENTS', 'IN_PROGRESS', 'DELIVERED', 'IN_REVISION']);
    await insertInBatches(
      OrderFact,
      orders.map((order, i) => {
        const rating = ratingOfOrder.get(i);
        return {
          _id: String(order['_id']),
          gigId: order['gigId'],
          sellerId: order['sellerId'],
          sequence: order['version'],
          status: order['status'],
          completed: order['status'] === 'COMPLETED' ? 1 : 0,
          inQueue: OPEN.has(order['status'] as string) ? 1 : 0,
          rated: rating === undefined ? 0 : 1,
          rating: rating ?? 0,
          updatedAt: order['updatedAt'],
        };
      }),
    );
    log(`gig order facts: ${orders.length}`);

    // Inbox: conversations of buyers with sellers, 3 messages each (the buyer's question, the
    // seller's answer, the buyer's reply, the last unread by the seller), with the conversation's
    // counters as the inbox service keeps them (inbox conversations/model.ts).
    const readerConversations = Math.min(60, size.conversations, size.sellers);
    if (options.databases.inbox) {
      const inboxDb = await connect(options.databases.inbox);
      try {
        const { Conversation, Message } = inboxModels(inboxDb);
        const conversations: object[] = [];
        const messages: object[] = [];
        const pairs = new Set<string>();
        for (let c = 0; c < size.conversations; c += 1) {
          const buyer = String(c < readerConversations ? readerId : pick(buyerIds));
          const seller = String(c < readerConversations ? sellerIds[c]! : pick(sellerIds));
          const [aId, bId] = buyer < seller ? [buyer, seller] : [seller, buyer];
          if (pairs.has(`${aId}:${bId}`)) continue;
          pairs.add(`${aId}:${bId}`);
          const _id = idOf(8, c);
          const openedAt = new Date(BASE_TIME - int(1, 300) * DAY - int(0, DAY - 1));
          const authors = [buyer, seller, buyer];
          const sent = { a: 0, b: 0 };
          let lastMessageId: Types.ObjectId | null = null;
          authors.forEach((authorId, m) => {
            const side = authorId === aId ? 'a' : 'b';
            sent[side] += 1;
            lastMessageId = idOf(9, c * 3 + m);
            messages.push({
              _id: lastMessageId,
              conversationId: _id,
              authorId,
              body: m === 1 ? `Sure, I can do ${pick(WORDS)} for you.` : `Hi, can you help with my ${pick(WORDS)} ${pick(WORDS)}?`,
              sentAt: new Date(openedAt.getTime() + m * 3_600_000),
              seq: m + 1,
              authorSeq: sent[side],
              aSent: sent.a,
              bSent: sent.b,
              readAt: m < 2 ? new Date(openedAt.getTime() + (m + 1) * 3_600_000 - 60_000) : null,
            });
          });
          // The seller has read the buyer's first message, not the last; the buyer read everything.
          const sellerRead = 1;
          const buyerRead = 1;
          const sellerIsA = seller === aId;
          conversations.push({
            _id,
            pairKey: `${aId}:${bId}`,
            aId,
            bId,
            openedBy: buyer,
            recipientId: seller,
            openedAt,
            lastMessageId,
            lastMessageAt: new Date(openedAt.getTime() + 2 * 3_600_000),
            seq: 3,
            aSent: sent.a,
            bSent: sent.b,
            aRead: sellerIsA ? sellerRead : buyerRead,
            bRead: sellerIsA ? buyerRead : sellerRead,
            aUnread: sellerIsA ? 1 : 0,
            bUnread: sellerIsA ? 0 : 1,
            firstReplyAt: new Date(openedAt.getTime() + 3_600_000),
          });
        }
        await insertInBatches(Conversation, conversations);
        await insertInBatches(Message, messages);
        log(`conversations: ${conversations.length}, messages: ${messages.length}`);
      } finally {
        await inboxDb.close();
      }
    }

    const byId = new Map(categories.map((c) => [String(c._id), c]));
    const gigsByTopLevel = new Map<string, number>();
    for (const doc of gigDocs) {
      const leaf = byId.get(String(doc['categoryId']));
      const parent = leaf?.parentId ? byId.get(String(leaf.parentId)) : null;
      if (parent && doc['status'] === 'ACTIVE') gigsByTopLevel.set(parent.slug, (gigsByTopLevel.get(parent.slug) ?? 0) + 1);
    }
    return {
      size,
      categorySlugs: [...gigsByTopLevel].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([slug]) => slug),
      activeGigIds: gigs.filter((g) => g.status === 'ACTIVE').map((g) => String(g._id)),
      readerId: String(readerId),
      writerId: String(writerId),
      readerOrders,
      readerConversations,
      millis: Date.now() - started,
    };
  } finally {
    await Promise.all([usersDb.close(), gigsDb.close(), ordersDb.close()]);
  }
}

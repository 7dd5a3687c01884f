import { createHash } from 'node:crypto';
import { charCount, isAdmin, list, rule, text, wholeNumber, type UserErrorCode, type Viewer } from '@gigmart/shared';
import { z } from 'zod';
import type { OrderStatus, PackageTier } from '../../generated/resolvers.js';
import { revisionsAllowed, type OrderChargeDoc } from './charges.js';
import type { OrderDoc, OrderRequestDoc, RequirementAnswerDoc, RequirementQuestionDoc } from './model.js';
import type { OrderFacts, Party } from './transitions.js';

/** The lifecycle's rules besides the transition table (transitions.ts), and the mutations' input rules. Pure. */

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A DELIVERED order completes itself this long after its last delivery. */
export const AUTO_COMPLETE_AFTER_MS = 3 * DAY_MS;

export function dueAtFrom(startedAt: Date, deliveryDays: number): Date {
  return new Date(startedAt.getTime() + deliveryDays * DAY_MS);
}

export interface LatenessFacts {
  status: OrderStatus;
  dueAt: Date | null;
  /** Set at the first delivery: whether it came after dueAt. */
  deliveredLate: boolean;
  deliveryCount: number;
  cancelledAt: Date | null;
}

/**
 * "True while undelivered past dueAt, and for good once delivered after dueAt." The first delivery
 * decides for good: revisions are extended work, not the original promise (dueAt is extended by
 * nothing). A cancelled order that was never delivered stays late if it was cancelled past due.
 */
export function isLate(order: LatenessFacts, now: Date): boolean {
  if (order.deliveredLate) return true;
  if (order.deliveryCount > 0 || !order.dueAt) return false;
  const until = order.status === 'CANCELLED' ? (order.cancelledAt ?? now) : now;
  return until.getTime() > order.dueAt.getTime();
}

/** The facts isLate reads, from a stored order (documents from before a field existed lack it). */
export function lateness(order: Pick<OrderDoc, 'status' | 'dueAt' | 'deliveredLate' | 'deliveries' | 'cancelledAt'>): LatenessFacts {
  return {
    status: order.status,
    dueAt: order.dueAt ?? null,
    deliveredLate: order.deliveredLate ?? false,
    deliveryCount: order.deliveries?.length ?? 0,
    cancelledAt: order.cancelledAt ?? null,
  };
}

/** A request is answered within this long, or it lapses. */
export const RESPOND_WITHIN_MS = 2 * DAY_MS;
/**
 * Earnings of a completed order clear this long after completion, unless completion fixed another
 * time (earningsAvailableAt: 7 days for TOP_RATED sellers; modules/money).
 */
export const EARNINGS_CLEAR_AFTER_MS = 14 * DAY_MS;

/** The PENDING request of a list still inside its respondBy, if any. */
export function pendingRequest(requests: readonly OrderRequestDoc[] | undefined, now: Date): OrderRequestDoc | null {
  return requests?.find((r) => r.status === 'PENDING' && r.respondBy.getTime() > now.getTime()) ?? null;
}

/** The order's charges: those stored, or for an order placed before charges were kept, one ORDER charge. */
export function chargesOf(order: Pick<OrderDoc, 'charges' | 'subtotalCents' | 'serviceFeeCents' | 'createdAt'>): OrderChargeDoc[] {
  return (
    order.charges ?? [{ kind: 'ORDER', subtotalCents: order.subtotalCents, serviceFeeCents: order.serviceFeeCents, at: order.createdAt }]
  );
}

/** Revisions left with the extras bought; null means unlimited. */
export function revisionsLeftOf(order: Pick<OrderDoc, 'package' | 'extras' | 'revisionsUsed'>): number | null {
  return revisionsRemaining(revisionsAllowed(order.package.revisions ?? null, order.extras ?? []), order.revisionsUsed);
}

const PACKAGE_TIER_NAMES: readonly string[] = ['BASIC', 'STANDARD', 'PREMIUM'];

/** What the transition table's guards read of an order at `now`. */
export function factsOf(order: OrderDoc, now: Date): OrderFacts {
  const cancellation = pendingRequest(order.cancellationRequests, now);
  const dispute = order.dispute ?? null;
  return {
    status: order.status,
    isLate: isLate(lateness(order), now),
    subtotalCents: order.subtotalCents,
    fromGigPackage: PACKAGE_TIER_NAMES.includes(order.package.tier),
    revisionsLeft: revisionsLeftOf(order) !== 0,
    pendingExtension: pendingRequest(order.extensionRequests, now) !== null,
    pendingCancellationBy: cancellation?.party ?? null,
    pendingPartialRefund: pendingRequest(order.partialRefundOffers, now) !== null,
    extensionCount: order.extensionRequests?.length ?? 0,
    cancellationCount: order.cancellationRequests?.length ?? 0,
    partialRefundCount: order.partialRefundOffers?.length ?? 0,
    dispute: dispute === null ? 'NONE' : dispute.status === 'OPEN' ? 'OPEN' : 'RESOLVED',
    earningsCleared:
      order.completedAt !== null &&
      now.getTime() >= (order.earningsAvailableAt?.getTime() ?? order.completedAt.getTime() + EARNINGS_CLEAR_AFTER_MS),
  };
}

/** Null means unlimited. */
export function revisionsRemaining(allowed: number | null, used: number): number | null {
  return allowed === null ? null : Math.max(0, allowed - used);
}

/** Whether a DELIVERED order is due for automatic completion at `now`. */
export function isDueForAutoCompletion(lastDeliveredAt: Date, now: Date): boolean {
  return now.getTime() - lastDeliveredAt.getTime() >= AUTO_COMPLETE_AFTER_MS;
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

const STATUS_WORDS: Record<OrderStatus, string> = {
  AWAITING_REQUIREMENTS: 'awaiting requirements',
  IN_PROGRESS: 'in progress',
  DELIVERED: 'delivered',
  IN_REVISION: 'in revision',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  DISPUTED: 'disputed',
};

/** Why an action the viewer may take cannot be taken now (INVALID_STATE). */
export function invalidStateMessage(status: OrderStatus): string {
  return `This cannot be done while the order is ${STATUS_WORDS[status]}.`;
}

/** Statuses counted as "under way" (SellerStats.activeOrders, Gig.ordersInQueue). */
export const ACTIVE_STATUSES: readonly OrderStatus[] = ['AWAITING_REQUIREMENTS', 'IN_PROGRESS', 'DELIVERED', 'IN_REVISION', 'DISPUTED'];
/** States in which the parties may still message each other. */
export const OPEN_STATUSES: readonly OrderStatus[] = ACTIVE_STATUSES;

// ---------------------------------------------------------------------------------------------
// Input: every rule of a mutation's input as a zod schema (parseInput reports them all at once).

/** Keys the service makes up for placements without one (the unique index needs a value). */
export const AUTO_KEY_PREFIX = 'auto:';
/** The key of the order an accepted custom offer places: `offer:<offer id>` (modules/offers). */
export const OFFER_KEY_PREFIX = 'offer:';
const RESERVED_KEY_PREFIXES = [AUTO_KEY_PREFIX, OFFER_KEY_PREFIX];
export const MAX_IDEMPOTENCY_KEY = 100;
export const MAX_ANSWER_LENGTH = 2000;
export const MAX_DELIVERY_MESSAGE = 5000;
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_LENGTH = 2000;
export const MAX_REVISION_REQUEST = 2000;
export const MAX_CANCEL_REASON = 1000;

const PACKAGE_TIERS = ['BASIC', 'STANDARD', 'PREMIUM'] as const satisfies readonly PackageTier[];

/** Extras asked for (placeOrder, buyExtras, orderQuote): at most 10 lines; each is checked against the gig (charges.ts pickExtras). */
export const extraRequests = z
  .array(z.object({ extraId: z.string(), quantity: z.number().default(1) }))
  .max(10, rule('Give at most 10 extras.', 'TOO_LONG'));

export const placeOrderInput = z.object({
  gigId: z.string(),
  // CUSTOM is the tier of orders placed from custom offers (acceptOffer), never one to buy.
  tier: z.enum(PACKAGE_TIERS, { error: 'The tier must be BASIC, STANDARD or PREMIUM (CUSTOM orders come from accepting a custom offer).' }),
  extras: extraRequests.nullish().transform((extras) => extras ?? []),
  idempotencyKey: z
    .string()
    .refine(
      (key) => key.length >= 1 && key.length <= MAX_IDEMPOTENCY_KEY && !RESERVED_KEY_PREFIXES.some((prefix) => key.startsWith(prefix)),
      rule(
        `The idempotency key must be 1-${MAX_IDEMPOTENCY_KEY} characters, not starting with "${AUTO_KEY_PREFIX}" or "${OFFER_KEY_PREFIX}".`,
      ),
    )
    .nullish()
    .transform((key) => key ?? null),
});

// ---------------------------------------------------------------------------------------------
// Idempotency: a key stands for one request. Reusing it for another is the client's error.

/** What a placement asks for, apart from its key: the input the service acts on. */
export interface PlacementRequest {
  gigId: string;
  tier: PackageTier;
  extras?: readonly { extraId: string; quantity: number }[];
}

/** The first of the fingerprint's versions: a change to the normalization gets a new one. */
const FINGERPRINT_VERSION = 'v1';

/** JSON with object keys sorted at every level, so equal values always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The fingerprint stored with an idempotency key: a stable hash of the request's normalized input
 * (the parsed input without the key; a gig id in lower case, as ids are stored), prefixed with its
 * version. The same request gives the same fingerprint whatever its field order or id case.
 */
export function placementFingerprint(request: PlacementRequest): string {
  const extras = (request.extras ?? []).map((e) => ({ extraId: e.extraId.toLowerCase(), quantity: e.quantity }));
  // Without extras the fingerprint is the one kept before extras existed.
  const normalized = {
    operation: 'placeOrder',
    gigId: request.gigId.toLowerCase(),
    tier: request.tier,
    ...(extras.length ? { extras } : {}),
  };
  return `${FINGERPRINT_VERSION}:${createHash('sha256').update(canonicalJson(normalized)).digest('hex')}`;
}

/**
 * The fingerprint of the request that placed a stored order: the one stored with it, or, for an
 * order placed before fingerprints were kept, the same hash of what it records (its gig and tier
 * are the whole of a placement's input).
 */
export function fingerprintOfOrder(order: Pick<OrderDoc, 'gigId' | 'package'> & { requestFingerprint?: string | null }): string {
  return order.requestFingerprint ?? placementFingerprint({ gigId: order.gigId, tier: order.package.tier });
}

export const KEY_REUSED_MESSAGE = 'This idempotency key was already used for a different order.';

/**
 * The buyer's answers to an order's questions (they differ per gig, so the schema is made per
 * order): each names one of its questions, once; an answer is at most 2000 characters; every
 * required question gets a non-empty answer. The output is the answered questions, in the gig's order.
 */
export function submitRequirementsInput(questions: readonly RequirementQuestionDoc[]) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answers = z.array(z.object({ requirementId: z.string(), answer: z.string() })).transform((given, ctx): RequirementAnswerDoc[] => {
    const refuse = (path: (string | number)[], message: string, code: UserErrorCode) =>
      ctx.addIssue({ code: 'custom', path, message, params: { code } });
    const answered = new Map<string, string>();
    given.forEach(({ requirementId, answer }, i) => {
      const question = byId.get(requirementId);
      if (!question) return refuse([i, 'requirementId'], 'This gig has no such requirement.', 'INVALID');
      if (answered.has(requirementId)) return refuse([i, 'requirementId'], 'This requirement is answered twice.', 'INVALID');
      const text = answer.trim();
      if (charCount(text) > MAX_ANSWER_LENGTH)
        refuse([i, 'answer'], `An answer must be at most ${MAX_ANSWER_LENGTH} characters.`, 'TOO_LONG');
      else if (text) answered.set(requirementId, text);
      else if (question.required) refuse([i, 'answer'], 'This question needs an answer.', 'TOO_SHORT');
    });
    for (const q of questions) {
      if (q.required && !given.some((a) => a.requirementId === q.id)) refuse([], `Please answer: ${q.question}`, 'INVALID');
    }
    return questions.flatMap((q) => {
      const answer = answered.get(q.id);
      return answer === undefined ? [] : [{ requirementId: q.id, question: q.question, answer }];
    });
  });
  return z.object({ orderId: z.string(), answers });
}

export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const attachment = z
  .string()
  .trim()
  .refine((link) => link.length <= MAX_ATTACHMENT_LENGTH && isWebLink(link), rule('An attachment must be a http(s) link.'));

/** At most this many files in one delivery. */
export const MAX_DELIVERY_FILES = 20;

export const deliverOrderInput = z.object({
  orderId: z.string(),
  fileIds: list(z.string(), { max: MAX_DELIVERY_FILES, noun: 'files' })
    .nullish()
    .transform((ids) => ids ?? []),
  message: text({ label: 'The delivery message', min: 1, max: MAX_DELIVERY_MESSAGE }),
  // The count is checked beside the links (zod's own .max() would skip them), so every broken rule shows at once.
  attachments: z
    .array(attachment)
    .superRefine((links, ctx) => {
      if (links.length > MAX_ATTACHMENTS)
        ctx.addIssue({ code: 'custom', message: `At most ${MAX_ATTACHMENTS} attachments.`, params: { code: 'TOO_LONG' } });
    })
    .nullish()
    .transform((links) => links ?? []),
});

export const requestRevisionInput = z.object({
  orderId: z.string(),
  message: text({ label: 'The revision request', min: 1, max: MAX_REVISION_REQUEST }),
});

export const buyExtrasInput = z.object({
  orderId: z.string(),
  extras: extraRequests.min(1, rule('Choose at least one extra.', 'TOO_SHORT')),
  idempotencyKey: z
    .string()
    .refine((key) => key.length >= 1 && key.length <= 255, rule('The idempotency key must be 1-255 characters.'))
    .nullish()
    .transform((key) => key ?? null),
});

/** The fingerprint of a buyExtras request (its order and extras, normalized), kept with its key. */
export function extrasFingerprint(orderId: string, extras: readonly { extraId: string; quantity: number }[]): string {
  const normalized = {
    operation: 'buyExtras',
    orderId: orderId.toLowerCase(),
    extras: extras.map((e) => ({ extraId: e.extraId.toLowerCase(), quantity: e.quantity })),
  };
  return `${FINGERPRINT_VERSION}:${createHash('sha256').update(canonicalJson(normalized)).digest('hex')}`;
}

export const requestExtensionInput = z.object({
  orderId: z.string(),
  days: wholeNumber('Days', { min: 1, max: 30 }),
  reason: text({ label: 'The reason', min: 10, max: 500, multiline: true }),
});

export const requestCancellationInput = z.object({
  orderId: z.string(),
  reason: text({ label: 'The reason', min: 10, max: 500, multiline: true }),
});

export const offerPartialRefundInput = z.object({
  orderId: z.string(),
  percent: wholeNumber('The percent', { min: 1, max: 60 }),
});

export const openDisputeInput = z.object({
  orderId: z.string(),
  reason: text({ label: 'The reason', min: 20, max: 2000, multiline: true }),
});

export const resolveDisputeInput = z
  .object({
    orderId: z.string(),
    outcome: z.enum(['COMPLETE', 'CANCEL', 'PARTIAL_REFUND']),
    refundPercent: z.number().nullish(),
    note: text({ label: 'The note', min: 1, max: 2000, multiline: true }),
  })
  .superRefine((input, ctx) => {
    const percent = input.refundPercent ?? null;
    if (input.outcome === 'PARTIAL_REFUND') {
      if (percent === null || !Number.isInteger(percent) || percent < 1 || percent > 100)
        ctx.addIssue({ code: 'custom', path: ['refundPercent'], ...rule('The refund percent must be a whole number from 1 to 100.') });
    } else if (percent !== null) {
      ctx.addIssue({ code: 'custom', path: ['refundPercent'], ...rule('A refund percent goes with PARTIAL_REFUND only.') });
    }
  });

export const cancelOrderInput = z.object({
  orderId: z.string(),
  reason: text({ label: 'The reason', min: 1, max: MAX_CANCEL_REASON }),
});

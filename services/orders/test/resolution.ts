import { newId, type GigExtraSnapshot, type GigSnapshot } from '@gigmart/shared';
import { expect } from 'vitest';
import type { Member, OrdersHarness } from './harness.js';

/** The operations of orders.resolution.graphql as tests send them, and the order fields they read. */
export const X = `id status version: updatedAt
  subtotal { amountCents } serviceFee { amountCents } total { amountCents } sellerEarnings { amountCents } refunded { amountCents }
  dueAt revisionsRemaining autoCompletesAt viewerActions completedAt cancelledAt
  extras { extraId kind quantity unitPrice { amountCents } total { amountCents } days }
  charges { kind subtotal { amountCents } serviceFee { amountCents } total { amountCents } }
  extensionRequests { id days reason status respondBy answeredAt }
  cancellationRequests { id status requestedBy { id } reason }
  partialRefundOffers { id percent amount { amountCents } status }
  dispute { id status outcome refundPercent resolutionNote openedBy { id } }
  events { type actor { id } note }`;

export interface View {
  id: string;
  status: string;
  version: string;
  subtotal: { amountCents: number };
  serviceFee: { amountCents: number };
  total: { amountCents: number };
  sellerEarnings: { amountCents: number };
  refunded: { amountCents: number };
  dueAt: string | null;
  revisionsRemaining: number | null;
  autoCompletesAt: string | null;
  viewerActions: string[];
  completedAt: string | null;
  cancelledAt: string | null;
  extras: Array<{ extraId: string; kind: string; quantity: number; total: { amountCents: number }; days: number }>;
  charges: Array<{ kind: string; subtotal: { amountCents: number }; serviceFee: { amountCents: number }; total: { amountCents: number } }>;
  extensionRequests: Array<{ id: string; days: number; status: string; respondBy: string }>;
  cancellationRequests: Array<{ id: string; status: string; requestedBy: { id: string } }>;
  partialRefundOffers: Array<{ id: string; percent: number; amount: { amountCents: number }; status: string }>;
  dispute: { id: string; status: string; outcome: string | null; refundPercent: number | null; resolutionNote: string | null } | null;
  events: Array<{ type: string; actor: { id: string } | null; note: string | null }>;
}
export interface Payload {
  order: View | null;
  userErrors: Array<{ field: string[] | null; message: string; code: string }>;
}

const P = `{ order { ${X} } userErrors { field message code } }`;
export const R = {
  place: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) ${P} }`,
  deliver: `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) ${P} }`,
  accept: `mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) ${P} }`,
  cancelOrder: `mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) ${P} }`,
  buyExtras: `mutation ($input: BuyExtrasInput!) { buyExtras(input: $input) ${P} }`,
  requestExtension: `mutation ($input: RequestExtensionInput!) { requestExtension(input: $input) ${P} }`,
  answerExtension: `mutation ($input: AnswerRequestInput!) { answerExtension(input: $input) ${P} }`,
  requestCancellation: `mutation ($input: RequestCancellationInput!) { requestCancellation(input: $input) ${P} }`,
  answerCancellation: `mutation ($input: AnswerRequestInput!) { answerCancellation(input: $input) ${P} }`,
  withdrawCancellation: `mutation ($input: RequestIdInput!) { withdrawCancellation(input: $input) ${P} }`,
  offerPartialRefund: `mutation ($input: OfferPartialRefundInput!) { offerPartialRefund(input: $input) ${P} }`,
  answerPartialRefund: `mutation ($input: AnswerRequestInput!) { answerPartialRefund(input: $input) ${P} }`,
  openDispute: `mutation ($input: OpenDisputeInput!) { openDispute(input: $input) ${P} }`,
  resolveDispute: `mutation ($input: ResolveDisputeInput!) { resolveDispute(input: $input) ${P} }`,
  order: `query ($id: ID!) { order(id: $id) { ${X} } }`,
};

export const fastExtra = (): GigExtraSnapshot => ({
  id: newId().toHexString(),
  kind: 'EXTRA_FAST_DELIVERY',
  title: 'Express',
  description: null,
  priceCents: 2000,
  days: 2,
});
export const revisionExtra = (): GigExtraSnapshot => ({
  id: newId().toHexString(),
  kind: 'ADDITIONAL_REVISION',
  title: 'Revision',
  description: null,
  priceCents: 500,
  days: 0,
});
export const customExtra = (): GigExtraSnapshot => ({
  id: newId().toHexString(),
  kind: 'CUSTOM',
  title: 'Source file',
  description: null,
  priceCents: 1500,
  days: 2,
});

export interface Scene {
  buyer: Member;
  seller: Member;
  gig: GigSnapshot;
  order: View;
}

/** Helpers over one harness: run a mutation, expect success, expect a refusal, read an order. */
export function resolutionClient(h: OrdersHarness) {
  async function run(member: Member, mutation: string, input: Record<string, unknown>) {
    const res = await h.gql<Record<string, Payload>>(mutation, { input }, { token: member.token });
    const payload = res.data ? (Object.values(res.data)[0] ?? null) : null;
    return { payload, code: res.errors?.[0]?.extensions?.['code'] as string | undefined };
  }
  async function ok(member: Member, mutation: string, input: Record<string, unknown>): Promise<View> {
    const { payload, code } = await run(member, mutation, input);
    if (code || !payload?.order || payload.userErrors.length) throw new Error(`${code ?? ''} ${JSON.stringify(payload?.userErrors)}`);
    return payload.order;
  }
  /** The refusal: FORBIDDEN/UNAUTHENTICATED as thrown, else the user errors' [field, code]. */
  async function refused(member: Member, mutation: string, input: Record<string, unknown>) {
    const { payload, code } = await run(member, mutation, input);
    if (code) return code;
    expect(payload?.order ?? null).toBeNull();
    return payload!.userErrors.map((e) => [e.field?.join('.') ?? null, e.code]);
  }
  async function view(member: Member, id: string): Promise<View> {
    return (await h.gql<{ order: View }>(R.order, { id }, { token: member.token })).data!.order;
  }
  async function stored(id: string) {
    return h.service.models.Order.findById(id).lean().exec();
  }

  /** An IN_PROGRESS order (a gig without requirements, with one extra of each kind) of `tier`. */
  async function started(tier = 'STANDARD', gig: Partial<GigSnapshot> = {}, extras?: unknown[]): Promise<Scene> {
    const [buyer, seller] = await Promise.all([h.member(), h.member(['BUYER', 'SELLER'])]);
    const made = h.gigs.add({ sellerId: seller.id, requirements: [], extras: [fastExtra(), revisionExtra(), customExtra()], ...gig });
    const order = await ok(buyer, R.place, { gigId: made.id, tier, ...(extras ? { extras } : {}) });
    return { buyer, seller, gig: made, order };
  }

  async function delivered(tier = 'STANDARD', gig: Partial<GigSnapshot> = {}): Promise<Scene> {
    const scene = await started(tier, gig);
    scene.order = await ok(scene.seller, R.deliver, { orderId: scene.order.id, message: 'Here it is' });
    return scene;
  }

  return { run, ok, refused, view, stored, started, delivered };
}

export type ResolutionClient = ReturnType<typeof resolutionClient>;

import { expect } from 'vitest';
import type { Member, OrdersHarness } from './harness.js';
import { resolutionClient, R, type View } from './resolution.js';

/** The operations of orders.money.graphql as tests send them, and the shapes they read. */

export const EARNINGS = `pendingClearance { amountCents } available { amountCents } withdrawn { amountCents }
  lifetime { amountCents } cleared { amountCents }`;
export const LEDGER_FIELDS = `id kind amount { amountCents } order { id } withdrawal { id status } availableAt createdAt`;

export const Q = {
  earnings: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { sellerEarnings { ${EARNINGS} } } } }`,
  ledger: `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User { sellerEarnings {
    ledger(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${LEDGER_FIELDS} } } } } } } }`,
  withdrawals: `query ($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on User { sellerEarnings {
    withdrawals(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id amount { amountCents } status failureReason createdAt } } } } } } }`,
  tip: `mutation ($input: TipOrderInput!) { tipOrder(input: $input) { order { id tip { amount { amountCents } sellerEarnings { amountCents } at }
    charges { kind subtotal { amountCents } serviceFee { amountCents } total { amountCents } } viewerActions events { type } }
    userErrors { field message code } } }`,
  withdraw: `mutation ($input: WithdrawEarningsInput!) { withdrawEarnings(input: $input) {
    withdrawal { id amount { amountCents } status failureReason createdAt } earnings { ${EARNINGS} } userErrors { field message code } } }`,
};

export interface Balances {
  pendingClearance: number;
  available: number;
  withdrawn: number;
  lifetime: number;
  cleared: number;
}

export interface LedgerLine {
  id: string;
  kind: string;
  amount: { amountCents: number };
  order: { id: string } | null;
  withdrawal: { id: string; status: string } | null;
  availableAt: string | null;
  createdAt: string;
}

type Cents = { amountCents: number };
const flat = (e: Record<string, Cents>): Balances => ({
  pendingClearance: e['pendingClearance']!.amountCents,
  available: e['available']!.amountCents,
  withdrawn: e['withdrawn']!.amountCents,
  lifetime: e['lifetime']!.amountCents,
  cleared: e['cleared']!.amountCents,
});

export function moneyClient(h: OrdersHarness) {
  const api = resolutionClient(h);
  const rep = (m: Member) => [{ __typename: 'User', id: m.id }];

  async function balances(seller: Member): Promise<Balances> {
    const res = await h.gql<{ _entities: Array<{ sellerEarnings: Record<string, Cents> }> }>(
      Q.earnings,
      { r: rep(seller) },
      { token: seller.token },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const b = flat(res.data!._entities[0]!.sellerEarnings);
    // The contract's identities hold in every answer.
    expect(b.pendingClearance + b.available + b.withdrawn).toBe(b.lifetime);
    expect(b.cleared).toBe(b.available + b.withdrawn);
    expect(b.available).toBeGreaterThanOrEqual(0);
    return b;
  }

  async function ledgerPage(seller: Member, first = 50, after: string | null = null) {
    const res = await h.gql<{
      _entities: Array<{
        sellerEarnings: {
          ledger: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ cursor: string; node: LedgerLine }>;
          };
        };
      }>;
    }>(Q.ledger, { r: rep(seller), first, after }, { token: seller.token });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!._entities[0]!.sellerEarnings.ledger;
  }

  async function ledger(seller: Member): Promise<LedgerLine[]> {
    return (await ledgerPage(seller)).edges.map((e) => e.node);
  }

  async function tip(member: Member, input: Record<string, unknown>) {
    const res = await h.gql<{
      tipOrder: {
        order: {
          id: string;
          tip: { amount: Cents; sellerEarnings: Cents; at: string } | null;
          charges: Array<{ kind: string; subtotal: Cents; serviceFee: Cents; total: Cents }>;
          viewerActions: string[];
          events: Array<{ type: string }>;
        } | null;
        userErrors: Array<{ field: string[] | null; message: string; code: string }>;
      };
    }>(Q.tip, { input }, { token: member.token });
    return { payload: res.data?.tipOrder ?? null, code: res.errors?.[0]?.extensions?.['code'] as string | undefined };
  }

  async function withdraw(member: Member, input: Record<string, unknown>) {
    const res = await h.gql<{
      withdrawEarnings: {
        withdrawal: { id: string; amount: Cents; status: string; failureReason: string | null; createdAt: string } | null;
        earnings: Record<string, Cents> | null;
        userErrors: Array<{ field: string[] | null; message: string; code: string }>;
      };
    }>(Q.withdraw, { input }, { token: member.token });
    const payload = res.data?.withdrawEarnings ?? null;
    return {
      withdrawal: payload?.withdrawal ?? null,
      earnings: payload?.earnings ? flat(payload.earnings) : null,
      errors: payload?.userErrors.map((e) => [e.field?.join('.') ?? null, e.code]) ?? [],
      code: res.errors?.[0]?.extensions?.['code'] as string | undefined,
    };
  }

  /** A COMPLETED order of a new buyer with `seller` (a new seller by default), of `tier`. */
  async function completed(tier = 'STANDARD', seller?: Member): Promise<{ buyer: Member; seller: Member; order: View }> {
    const buyer = await h.member();
    const s = seller ?? (await h.member(['BUYER', 'SELLER']));
    const gig = h.gigs.add({ sellerId: s.id, requirements: [] });
    const placed = await api.ok(buyer, R.place, { gigId: gig.id, tier });
    await api.ok(s, R.deliver, { orderId: placed.id, message: 'Here it is' });
    const order = await api.ok(buyer, R.accept, { orderId: placed.id });
    return { buyer, seller: s, order };
  }

  return { ...api, balances, ledger, ledgerPage, tip, withdraw, completed };
}

export type MoneyClient = ReturnType<typeof moneyClient>;

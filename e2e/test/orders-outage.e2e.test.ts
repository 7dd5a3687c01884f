import { startTestStack, type TestStack } from '@gigmart/stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLogoGig, signUp, signUpSeller, type Actor } from './actors.js';

/**
 * References to other subgraphs' entities are nullable: when that subgraph is down, only that
 * field is null (with an error whose path points at it), never the order that refers to it, nor
 * the page of orders around it.
 */

const MY_ORDERS = '{ myOrders(role: BUYER) { edges { node { id status gig { title } } } } }';

interface MyOrders {
  myOrders: { edges: Array<{ node: { id: string; status: string; gig: { title: string } | null } }> };
}

describe('my orders while the gigs service is down', () => {
  let stack: TestStack;
  let buyer: Actor;
  let title: string;
  const orderIds: string[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    let seller: Actor;
    [seller, buyer] = await Promise.all([signUpSeller(stack), signUp(stack)]);
    title = 'I will design a minimalist logo for your bakery';
    const gigId = await publishLogoGig(seller, { title, basic: { priceCents: 5000, deliveryDays: 3, revisions: 1 } });
    for (const key of ['outage-1', 'outage-2']) {
      const placed = await buyer.gql<{ placeOrder: { order: { id: string } | null; userErrors: unknown[] } }>(
        'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { field message code } } }',
        { input: { gigId, tier: 'BASIC', idempotencyKey: key } },
      );
      const id = placed.data?.placeOrder.order?.id;
      if (!id) throw new Error(`placeOrder failed: ${JSON.stringify(placed.errors ?? placed.data?.placeOrder.userErrors)}`);
      orderIds.push(id);
    }
  });
  afterAll(() => stack?.stop());

  it("lists the orders with gig: null, and one error at each missing gig's path", async () => {
    await stack.stopService('gigs');
    const res = await buyer.gql<MyOrders>(MY_ORDERS);
    expect(res.status).toBe(200);
    const nodes = res.data!.myOrders.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id).sort()).toEqual([...orderIds].sort());
    expect(nodes.every((n) => n.status === 'IN_PROGRESS' && n.gig === null)).toBe(true);
    expect(res.errors!.map((e) => e.path).sort()).toEqual([
      ['myOrders', 'edges', 0, 'node', 'gig'],
      ['myOrders', 'edges', 1, 'node', 'gig'],
    ]);
    for (const error of res.errors!) {
      expect(error).toMatchObject({ message: 'The gigs service is unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
  });

  it('shows the titles again once the gigs service is back', async () => {
    await stack.startService('gigs');
    const res = await buyer.gql<MyOrders>(MY_ORDERS);
    expect(res.errors).toBeUndefined();
    expect(res.data!.myOrders.edges.map((e) => e.node.gig)).toEqual([{ title }, { title }]);
  });
});

/** What the subscription tests share: a subscription's results as they arrive, a short pause, and a gig and its orders. */
import type { Actor } from './actors.js';

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A subscription's results as they arrive, and how it ended. */
export class Received {
  readonly results: Result[] = [];
  ended: 'complete' | 'error' | null = null;
  error: unknown = null;
  private waiters: Array<() => void> = [];
  readonly sink = {
    next: (r: unknown) => {
      this.results.push(r as Result);
      this.wake();
    },
    error: (e: unknown) => {
      this.ended = 'error';
      this.error = e;
      this.wake();
    },
    complete: () => {
      this.ended ??= 'complete';
      this.wake();
    },
  };
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  /** Waits (up to 20 s) until `check` holds. */
  async until(check: (r: this) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!check(this)) {
      if (Date.now() > deadline)
        throw new Error(
          `gave up waiting for ${what}: ${JSON.stringify({ results: this.results, ended: this.ended, error: String(this.error) })}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
}

/** Resolves once the gateway acknowledged that the subscription is running (its first check is done). */
export const settle = () => new Promise((r) => setTimeout(r, 300));

const CREATE_GIG = `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { message } } }`;
const PUBLISH_GIG = `mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { status } userErrors { message } } }`;
const PLACE_ORDER = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } userErrors { message } } }`;
export const DELIVER = `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { status } userErrors { message } } }`;

/** A published gig of `seller` (one BASIC package). */
export async function publishedGig(seller: Actor): Promise<string> {
  const created = await seller.gql<{ createGig: { gig: { id: string } | null } }>(CREATE_GIG, {
    input: {
      title: 'I will design a minimalist logo for your brand today',
      description:
        'A clean, minimalist logo designed from scratch for your business. You get two initial concepts, revisions on the one you pick, and the final files in every format you need for print and web.',
      categorySlug: 'logo-design',
      tags: ['logo'],
      packages: [
        { tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1, features: [] },
      ],
      requirements: [],
    },
  });
  const gigId = created.data?.createGig.gig?.id;
  if (!gigId) throw new Error(JSON.stringify(created));
  await seller.gql(PUBLISH_GIG, { id: gigId });
  return gigId;
}

/** An order of `gigId` placed by `buyer`. */
export async function placeOrder(buyer: Actor, gigId: string): Promise<string> {
  const res = await buyer.gql<{ placeOrder: { order: { id: string } | null } }>(PLACE_ORDER, { input: { gigId, tier: 'BASIC' } });
  const id = res.data?.placeOrder.order?.id;
  if (!id) throw new Error(JSON.stringify(res));
  return id;
}

import { createHttpEventPublisher, newEventId, type HttpService } from '@gigmart/shared';
import { createTestTokenIssuer, until, type TestTokenIssuer } from '@gigmart/shared/testing';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTinyFederation, type TinyFederation } from './tiny-federation.js';

/**
 * The anonymous response cache through a real gateway over one tiny subgraph that counts what it
 * is asked: `sales` grows by one on each read, so a kept answer shows as the same number again.
 */
const catalogue = {
  typeDefs: gql`
    type Query {
      sales(gig: ID!): Int!
      broken: Int
      held: Int!
    }
    type Mutation {
      touch: Boolean!
      hold: Boolean!
    }
  `,
};
const SERVICE_TOKEN = 'response-cache-test-service-token';

let reads = 0;
let release: (() => void) | null = null;
const heldMutations: Array<() => void> = [];
let federation: TinyFederation;
let gateway: HttpService;
let tokens: TestTokenIssuer;
/** The cache's clock (ms): moved on by tests to expire what it keeps. */
let clock = 1_000_000;

beforeAll(async () => {
  tokens = await createTestTokenIssuer();
  federation = await startTinyFederation(
    [
      {
        name: 'gigs',
        ...catalogue,
        resolvers: {
          Query: {
            sales: () => ++reads,
            broken: () => {
              reads += 1;
              throw new Error('not today');
            },
            // Answers only once the test lets it: a read in flight while others arrive or a mutation runs.
            held: async () => {
              const value = ++reads;
              await new Promise<void>((resolve) => (release = resolve));
              return value;
            },
          },
          Mutation: {
            touch: () => true,
            // Answers once the test lets it; each call waits on its own.
            hold: async () => {
              reads += 1;
              await new Promise<void>((resolve) => heldMutations.push(resolve));
              return true;
            },
          },
        },
      },
    ],
    { RESPONSE_CACHE_SECONDS: '60' },
    { verifyAccessToken: tokens.verify, serviceToken: SERVICE_TOKEN, responseCacheClock: () => clock },
  );
  gateway = federation.gateway;
});
afterAll(() => federation.stop());

/** The gateway's response cache counts (gigmart_gateway_response_cache_total) by outcome. */
async function outcomes(): Promise<Record<'hit' | 'stale' | 'joined' | 'miss', number>> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(new RegExp(`^gigmart_gateway_response_cache_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { hit: count('hit'), stale: count('stale'), joined: count('joined'), miss: count('miss') };
}

/** Lets the held read answer. */
function letGo() {
  const go = release!;
  release = null;
  go();
}

async function ask(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  return { body, cacheControl: res.headers.get('cache-control'), age: res.headers.get('age') };
}

const SALES = 'query Sales($gig: ID!) { sales(gig: $gig) }';
/** A query in a new gig's name, so that no earlier test kept its answer. */
let gigNumber = 0;
const freshGig = () => `g${++gigNumber}`;

describe('anonymous response cache', () => {
  beforeEach(() => {
    reads = 0;
  });

  it('answers the same anonymous query again without asking the subgraph, marked public', async () => {
    const gig = freshGig();
    const first = await ask(SALES, { gig });
    const second = await ask(SALES, { gig });
    expect(second.body).toEqual(first.body);
    expect(reads).toBe(1);
    expect(first.cacheControl).toBe('max-age=60, public');
    expect(second.cacheControl).toBe('max-age=60, public');
    clock += 30_000;
    const third = await ask(SALES, { gig });
    expect(third.body).toEqual(first.body);
    expect(third.age).toBe('30');
    expect(reads).toBe(1);
  });

  it('asks again once the answer is older than its seconds', async () => {
    const gig = freshGig();
    await ask(SALES, { gig });
    clock += 60_000;
    expect((await ask(SALES, { gig })).body.data).toEqual({ sales: 2 });
    expect((await ask(SALES, { gig })).body.data).toEqual({ sales: 2 });
  });

  it('makes identical answers at the same time once: the others wait for it', async () => {
    const before = await outcomes();
    const visitors = [ask('{ held }'), ask('{ held }'), ask('{ held }')];
    await until(() => release !== null, 'the held read to reach the subgraph');
    letGo();
    const answers = await Promise.all(visitors);
    expect(answers.map((a) => a.body.data)).toEqual([{ held: 1 }, { held: 1 }, { held: 1 }]);
    expect(reads).toBe(1);
    await ask('{ held }');
    // In the gateway's metrics: one went through, two waited for it, and the next was a kept answer.
    const after = await outcomes();
    expect([after.miss - before.miss, after.joined - before.joined, after.hit - before.hit]).toEqual([1, 2, 1]);
  });

  it('while a new answer is made after expiry, gives the others the one before', async () => {
    // Kept by the previous test ({ held: 1 }); now past its seconds. The new answer will be 11.
    reads = 10;
    clock += 61_000;
    const maker = ask('{ held }');
    await until(() => release !== null, 'the held read to reach the subgraph');
    const other = await ask('{ held }');
    expect(other.body.data).toEqual({ held: 1 });
    letGo();
    expect((await maker).body.data).toEqual({ held: 11 });
    expect((await ask('{ held }')).body.data).toEqual({ held: 11 });
    expect(reads).toBe(11);
  });

  it('keeps answers apart by variables and by operation text', async () => {
    const [a, b] = [freshGig(), freshGig()];
    await ask(SALES, { gig: a });
    await ask(SALES, { gig: b });
    await ask('query { sales(gig: "x") }');
    await ask('query { sales(gig: "x") }');
    expect(reads).toBe(3);
  });

  it('never answers a signed-in member from it, nor keeps what they were answered', async () => {
    const gig = freshGig();
    const token = await tokens.issue('member-1');
    await ask(SALES, { gig });
    const mine = await ask(SALES, { gig }, token);
    const again = await ask(SALES, { gig }, token);
    expect(reads).toBe(3);
    expect(mine.body.data).toEqual({ sales: 2 });
    expect(again.body.data).toEqual({ sales: 3 });
    expect(mine.cacheControl).toBe('no-store');
    // What the member was answered was not kept for visitors either.
    expect((await ask(SALES, { gig })).body.data).toEqual({ sales: 1 });
  });

  it('lets identical anonymous mutations at the same time all through, none waiting on another', async () => {
    const both = [ask('mutation { hold }'), ask('mutation { hold }')];
    await until(() => heldMutations.length === 2, 'both mutations to reach the subgraph while the first is held');
    for (const go of heldMutations.splice(0)) go();
    expect((await Promise.all(both)).map((a) => a.body.data)).toEqual([{ hold: true }, { hold: true }]);
    expect(reads).toBe(2);
  });

  it('does not keep an answer with an error', async () => {
    const first = await ask('{ broken }');
    expect(first.body.errors).toBeDefined();
    await ask('{ broken }');
    expect(reads).toBe(2);
    expect(first.cacheControl).toBe('no-store');
  });

  it('forgets everything after a mutation through this gateway, planned or sent straight on', async () => {
    const token = await tokens.issue('member-1');
    // The first `touch` of this operation text is planned; the second is sent straight on (pass-through.ts).
    for (const expected of [2, 4]) {
      const gig = freshGig();
      await ask(SALES, { gig });
      expect((await ask('mutation Touch { touch }', {}, token)).body.data).toEqual({ touch: true });
      expect((await ask(SALES, { gig })).body.data).toEqual({ sales: expected });
    }
  });

  it('forgets everything when a live event arrives', async () => {
    const gig = freshGig();
    await ask(SALES, { gig });
    await ask(SALES, { gig });
    expect(reads).toBe(1);
    const publisher = createHttpEventPublisher({ consumerUrl: gateway.url, serviceToken: SERVICE_TOKEN });
    await publisher.publish([
      { id: newEventId(), type: 'ReviewSubmitted', aggregateId: 'o1', sequence: 1, occurredAt: new Date().toISOString(), data: {} },
    ]);
    expect((await ask(SALES, { gig })).body.data).toEqual({ sales: 2 });
  });

  it('does not keep an answer begun before a mutation and finished after it', async () => {
    const pending = ask('{ held }');
    await until(() => release !== null, 'the held read to reach the subgraph');
    const token = await tokens.issue('member-1');
    await ask('mutation { touch }', {}, token);
    letGo();
    expect((await pending).body.data).toEqual({ held: 1 });
    // Not kept: the next visitor's read goes to the subgraph (and is held again).
    const next = ask('{ held }');
    await until(() => release !== null, 'the held read to reach the subgraph');
    letGo();
    expect((await next).body.data).toEqual({ held: 2 });
  });
});

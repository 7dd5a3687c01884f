import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER, SERVICE_TOKEN_HEADER, type HttpService } from '@gigmart/shared';
import { createTestTokenIssuer, type TestTokenIssuer } from '@gigmart/shared/testing';
import { GraphQLError } from 'graphql';
import { gql } from 'graphql-tag';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_ROUTES } from '../src/pass-through.js';
import { startTinyFederation, type TinyFederation } from './tiny-federation.js';

/**
 * Queries sent straight on to their one subgraph (pass-through.ts), through a real gateway over
 * two tiny subgraphs that record what each request told them: the operation they ran and the
 * headers that came with it.
 */
const SERVICE_TOKEN = 'pass-through-test-service-token';

interface Seen {
  operationName: string | undefined;
  authorization: string | undefined;
  requestId: string | undefined;
  forwardedFor: string | undefined;
  serviceToken: string | undefined;
  traceparent: string | undefined;
}
/** How often the `like` mutation ran. */
let likes = 0;
/** What the gigs subgraph was asked, in order. */
const seen: Seen[] = [];
const record = (req: IncomingMessage) => {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const body = (req as IncomingMessage & { body?: { operationName?: string } }).body;
  seen.push({
    operationName: body?.operationName,
    authorization: header('authorization'),
    requestId: header(REQUEST_ID_HEADER),
    forwardedFor: header('x-forwarded-for'),
    serviceToken: header(SERVICE_TOKEN_HEADER),
    traceparent: header('traceparent'),
  });
  return {};
};

const gigs = {
  name: 'gigs' as const,
  typeDefs: gql`
    type Query {
      gig(id: ID!): Gig
      gigs(ids: [ID!]!, first: Int = 2): [Gig!]!
    }
    type Mutation {
      like(id: ID!): Int!
    }
    type Gig @key(fields: "id") {
      id: ID!
      title: String!
      sellerId: ID!
    }
  `,
  resolvers: {
    Query: {
      gig: (_: unknown, { id }: { id: string }) => {
        if (id === 'broken') throw new GraphQLError('the gig store says no', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        return { id, title: `Gig ${id}`, sellerId: `s-${id}` };
      },
      gigs: (_: unknown, { ids, first }: { ids: string[]; first: number }) =>
        ids.slice(0, first).map((id) => ({ id, title: `Gig ${id}`, sellerId: `s-${id}` })),
    },
    Mutation: {
      like: () => ++likes,
    },
  },
  context: record,
};

const users = {
  name: 'users' as const,
  typeDefs: gql`
    type Gig @key(fields: "id") {
      id: ID!
      seller: User!
    }
    type User @key(fields: "id") {
      id: ID!
      username: String!
    }
  `,
  resolvers: {
    Gig: { seller: (gig: { id: string }) => ({ id: `s-${gig.id}`, username: `seller-${gig.id}` }) },
  },
};

let federation: TinyFederation;
let gateway: HttpService;
let tokens: TestTokenIssuer;

beforeAll(async () => {
  tokens = await createTestTokenIssuer();
  // No response cache: every anonymous request reaches the subgraph, so each is seen. No rate
  // limit in reach: one test sends over a thousand requests.
  federation = await startTinyFederation(
    [gigs, users],
    { RESPONSE_CACHE_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '100000' },
    {
      verifyAccessToken: tokens.verify,
      serviceToken: SERVICE_TOKEN,
    },
  );
  gateway = federation.gateway;
});
afterAll(() => federation.stop());
beforeEach(() => {
  seen.length = 0;
});

async function passThroughCounts(): Promise<{ answered: number; fellBack: number }> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(new RegExp(`^gigmart_gateway_pass_through_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { answered: count('answered'), fellBack: count('fell_back') };
}

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown; extensions?: { code?: string } }> };
  headers: Record<string, string | null>;
}

async function ask(
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; operationName?: string; accept?: string } = {},
): Promise<Answer> {
  const res = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.accept ? { accept: options.accept } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables, ...(options.operationName ? { operationName: options.operationName } : {}) }),
  });
  const headers = Object.fromEntries(['content-type', 'cache-control'].map((name) => [name, res.headers.get(name)]));
  return { status: res.status, body: (await res.json()) as Answer['body'], headers };
}

/** Each test its own operation text, so that none was learned by an earlier one. */
let n = 0;
const gigQuery = () => `query Gig${++n}($id: ID!) { gig(id: $id) { id title } }`;

describe('pass-through of single-subgraph queries', () => {
  it('answers a learned query the same as the usual execution did, sent straight to the subgraph', async () => {
    const query = gigQuery();
    const token = await tokens.issue('member-1');
    const before = await passThroughCounts();
    const usual = await ask(query, { id: '7' }, { token });
    const straight = await ask(query, { id: '7' }, { token });
    expect(straight).toEqual(usual);
    expect(straight.body).toEqual({ data: { gig: { id: '7', title: 'Gig 7' } } });
    expect(await passThroughCounts()).toEqual({ answered: before.answered + 1, fellBack: before.fellBack });
    // The subgraph was told the same both times: the planner's operation, the caller, the credential, the trace.
    expect(seen).toHaveLength(2);
    const [first, second] = seen as [Seen, Seen];
    expect(second.operationName).toBe(first.operationName);
    expect(second.authorization).toBe(`Bearer ${token}`);
    expect(first.authorization).toBe(`Bearer ${token}`);
    expect(second.serviceToken).toBe(SERVICE_TOKEN);
    expect(second.forwardedFor).toBe(first.forwardedFor);
    expect(second.forwardedFor).toBeTruthy();
    expect(second.requestId).toBeTruthy();
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('answers anonymous visitors the same way, with the same media type as asked and the same caching headers', async () => {
    const query = gigQuery();
    const usual = await ask(query, { id: '8' }, { accept: 'application/graphql-response+json' });
    const straight = await ask(query, { id: '8' }, { accept: 'application/graphql-response+json' });
    expect(straight).toEqual(usual);
    expect(straight.headers['content-type']).toContain('application/graphql-response+json');
    expect(seen.map((s) => s.authorization)).toEqual([undefined, undefined]);
  });

  it('keeps each learned operation to its own variables: another id gets its own answer', async () => {
    const query = gigQuery();
    await ask(query, { id: '1' });
    expect((await ask(query, { id: '2' })).body).toEqual({ data: { gig: { id: '2', title: 'Gig 2' } } });
    // Default values of the client's variables hold as they would in the usual execution.
    const list = 'query Few($ids: [ID!]!, $first: Int = 1) { gigs(ids: $ids, first: $first) { id } }';
    await ask(list, { ids: ['a', 'b', 'c'] });
    expect((await ask(list, { ids: ['x', 'y'] })).body).toEqual({ data: { gigs: [{ id: 'x' }] } });
    expect((await ask(list, { ids: ['x', 'y'], first: 2 })).body).toEqual({ data: { gigs: [{ id: 'x' }, { id: 'y' }] } });
  });

  it('sends a learned mutation straight on too, run once per request', async () => {
    const mutation = 'mutation Like($id: ID!) { like(id: $id) }';
    const token = await tokens.issue('member-2');
    const before = await passThroughCounts();
    const first = await ask(mutation, { id: '1' }, { token });
    const second = await ask(mutation, { id: '1' }, { token });
    expect([first.body, second.body]).toEqual([{ data: { like: likes - 1 } }, { data: { like: likes } }]);
    expect(second.headers).toEqual(first.headers);
    expect(second.headers['cache-control']).toBe('no-store');
    expect(seen).toHaveLength(2);
    expect(await passThroughCounts()).toEqual({ answered: before.answered + 1, fellBack: before.fellBack });
  });

  it('keeps learning once it holds the most operations it remembers, forgetting the least used', async () => {
    const oldest = gigQuery();
    await ask(oldest, { id: '1' });
    for (let i = 0; i < MAX_ROUTES; i += 1) await ask(gigQuery(), { id: '1' });
    const before = await passThroughCounts();
    // A new operation is still learned: its second request goes straight on.
    const newest = gigQuery();
    await ask(newest, { id: '1' });
    await ask(newest, { id: '1' });
    expect(await passThroughCounts()).toEqual({ answered: before.answered + 1, fellBack: before.fellBack });
    // The oldest was forgotten: planned again once, then straight on again.
    await ask(oldest, { id: '1' });
    expect((await passThroughCounts()).answered).toBe(before.answered + 1);
    await ask(oldest, { id: '1' });
    expect((await passThroughCounts()).answered).toBe(before.answered + 2);
  });

  it('never sends on a query that needs two subgraphs', async () => {
    const query = `query Seller${++n}($id: ID!) { gig(id: $id) { title seller { username } } }`;
    const before = await passThroughCounts();
    const answers = [await ask(query, { id: '3' }), await ask(query, { id: '3' })];
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]!.body).toEqual({ data: { gig: { title: 'Gig 3', seller: { username: 'seller-3' } } } });
    expect(await passThroughCounts()).toEqual(before);
  });

  it('refuses variables that do not fit the schema with the usual error, and sends nothing on', async () => {
    const query = gigQuery();
    await ask(query, { id: '4' });
    seen.length = 0;
    const bad = await ask(query, { id: { not: 'an id' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await ask(query, {});
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(seen).toHaveLength(0);
  });

  it('refuses a token it does not accept the usual way, and sends nothing on', async () => {
    const query = gigQuery();
    await ask(query, { id: '5' });
    seen.length = 0;
    const refused = await ask(query, { id: '5' }, { token: 'not-a-token' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.body.data ?? null).toBeNull();
    expect(seen).toHaveLength(0);
  });

  it("hands a subgraph's error back the usual way (masked, with its path), asking the subgraph once", async () => {
    const query = gigQuery();
    const withoutRequestId = (answer: Answer) => JSON.stringify(answer).replace(/"requestId":"[^"]+"/g, '');
    const usual = await ask(query, { id: 'broken' });
    const before = await passThroughCounts();
    seen.length = 0;
    const again = await ask(query, { id: 'broken' });
    expect(withoutRequestId(again)).toBe(withoutRequestId(usual));
    expect(again.body.data).toEqual({ gig: null });
    expect(again.body.errors?.[0]).toMatchObject({ path: ['gig'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(again.body)).not.toContain('the gig store says no');
    expect(seen).toHaveLength(1);
    expect(await passThroughCounts()).toEqual({ answered: before.answered, fellBack: before.fellBack + 1 });
  });

  it('answers a learned query with the outage error and its path when the subgraph is down', async () => {
    const query = gigQuery();
    await ask(query, { id: '6' });
    await federation.stopSubgraph('gigs');
    const before = await passThroughCounts();
    const down = await ask(query, { id: '6' });
    expect(down.body.data).toEqual({ gig: null });
    expect(down.body.errors).toHaveLength(1);
    expect(down.body.errors?.[0]).toMatchObject({
      message: 'The gigs service is unavailable.',
      path: ['gig'],
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'gigs' },
    });
    expect(await passThroughCounts()).toEqual({ answered: before.answered, fellBack: before.fellBack + 1 });
  });
});

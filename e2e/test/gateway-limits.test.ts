import { createHash } from 'node:crypto';
import { parseConfig, type HttpService } from '@gigmart/shared';
import { graphqlRequest, testLogger } from '@gigmart/shared/testing';
import { startGateway, gatewayEnvSchema } from '@gigmart/gateway';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestStack, type SubgraphCallCounter, type TestStack } from '@gigmart/stack/testing';

/** `children { ... }` nested `levels` times around `leaf`. */
function nested(levels: number, leaf = 'name'): string {
  let selection = leaf;
  for (let i = 0; i < levels; i += 1) selection = `children { ${selection} }`;
  return selection;
}

/** Every level selects two scalars and two objects: the cost grows about threefold per level. */
function wide(levels: number): string {
  return levels === 0 ? 'slug name' : `slug name children { ${wide(levels - 1)} } parent { ${wide(levels - 1)} }`;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: categories { name }`).join(' ')} }`;
}

async function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> },
  };
}

describe('gateway limits: every refusal is a GraphQL error, HTTP 4xx, and nothing reaches a subgraph', () => {
  let stack: TestStack;
  let calls: SubgraphCallCounter;
  beforeAll(async () => {
    // Counts subgraph calls of repeated anonymous reads: none may be answered from the response cache.
    stack = await startTestStack({ countSubgraphCalls: true, gatewayEnv: { RESPONSE_CACHE_SECONDS: '0' } });
    calls = stack.subgraphCalls!;
  });
  afterAll(() => stack?.stop());
  beforeEach(() => calls.reset());

  it('lets a query within every limit through (the counting proxy sees it)', async () => {
    const res = await graphqlRequest<{ categories: unknown[] }>(stack.graphqlUrl, `{ categories { ${nested(8)} } }`);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data!.categories.length).toBeGreaterThan(0);
    expect(calls.counts().gigs).toBe(1);
  });

  it('keeps connections to subgraphs alive between requests', async () => {
    for (let i = 0; i < 5; i += 1) expect((await graphqlRequest(stack.graphqlUrl, '{ categories { slug } }')).errors).toBeUndefined();
    expect(calls.counts().gigs).toBe(5);
    // Five requests, at most one new connection (none when the previous test's is still open).
    expect(calls.connections().gigs).toBeLessThanOrEqual(1);
  });

  it('refuses a query deeper than 10 levels', async () => {
    const res = await graphqlRequest(stack.graphqlUrl, `{ categories { ${nested(9)} } }`);
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([
      { message: 'Query depth limit of 10 exceeded, found 11.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' } },
    ]);
    expect(calls.total()).toBe(0);
  });

  it('allows 15 aliases and refuses 16', async () => {
    const ok = await graphqlRequest(stack.graphqlUrl, aliases(15));
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    calls.reset();
    const refused = await graphqlRequest(stack.graphqlUrl, aliases(16));
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      { message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' } },
    ]);
    expect(calls.total()).toBe(0);
  });

  it('refuses a query over the cost limit even when depth and aliases are fine', async () => {
    const ok = await graphqlRequest(stack.graphqlUrl, `{ categories { ${wide(5)} } }`);
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
    calls.reset();
    const refused = await graphqlRequest(stack.graphqlUrl, `{ categories { ${wide(6)} } }`);
    expect(refused.status).toBe(400);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.message).toMatch(/^Query Cost limit of 5000 exceeded, found \d+\.$/);
    expect(refused.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
    expect(calls.total()).toBe(0);
  });

  it('refuses an operation of more than 2000 tokens while parsing', async () => {
    const res = await graphqlRequest(stack.graphqlUrl, `{ categories { ${Array.from({ length: 2000 }, () => 'name').join(' ')} } }`);
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(res.errors![0]!.message).toMatch(/^Syntax Error: Document contains more tha[nt] 2000 tokens\. Parsing aborted\.$/);
    expect(calls.total()).toBe(0);
  });

  it('refuses more than 50 directives', async () => {
    const selections = (n: number) => Array.from({ length: n }, () => 'name @include(if: true)').join(' ');
    const ok = await graphqlRequest(stack.graphqlUrl, `{ categories { ${selections(50)} } }`);
    expect(ok.status).toBe(200);
    calls.reset();
    const refused = await graphqlRequest(stack.graphqlUrl, `{ categories { ${selections(51)} } }`);
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([
      { message: 'Directives limit of 50 exceeded, found 51.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'directives' } },
    ]);
    expect(calls.total()).toBe(0);
  });

  it('refuses a body over 100 kB with 413 and a GraphQL error', async () => {
    const body = JSON.stringify({ query: '{ categories { name } }', variables: { padding: 'x'.repeat(101 * 1024) } });
    const res = await post(stack.graphqlUrl, body);
    expect(res.status).toBe(413);
    expect(res.json).toEqual({
      errors: [{ message: 'The request body is larger than 100 kB.', extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: 102400 } }],
    });
    expect(calls.total()).toBe(0);
  });

  it('refuses a body that is not JSON with 400 and a GraphQL error', async () => {
    const res = await post(stack.graphqlUrl, '{"query": "{ categories { name } }"');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    expect(calls.total()).toBe(0);
  });

  it('refuses batched requests', async () => {
    const res = await post(stack.graphqlUrl, JSON.stringify([{ query: '{ categories { name } }' }, { query: '{ categories { slug } }' }]));
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }]);
    expect(calls.total()).toBe(0);
  });

  it('supports automatic persisted queries: unknown hash, then registered, then by hash alone', async () => {
    const query = `{ categories { slug } apq: category(slug: "logo-design") { name } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };

    const unknown = await post(stack.graphqlUrl, JSON.stringify({ extensions }));
    expect(unknown.json.errors).toEqual([{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
    expect(calls.total()).toBe(0);

    const registered = await post(stack.graphqlUrl, JSON.stringify({ query, extensions }));
    expect(registered.status).toBe(200);
    expect(registered.json.data).toMatchObject({ apq: { name: 'Logo Design' } });

    const byHash = await post(stack.graphqlUrl, JSON.stringify({ extensions }));
    expect(byHash.status).toBe(200);
    expect(byHash.json.errors).toBeUndefined();
    expect(byHash.json.data).toEqual(registered.json.data);

    const wrongHash = await post(stack.graphqlUrl, JSON.stringify({ query: '{ categories { name } }', extensions }));
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.json.errors).toEqual([
      { message: 'The persisted query hash does not match the query.', extensions: { code: 'BAD_REQUEST' } },
    ]);
  });

  it('keeps CSRF prevention on: simple requests a browser could send cross-site are refused', async () => {
    const simpleGet = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent('{ categories { name } }')}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toContain('Cross-Site Request Forgery');

    for (const [type, body] of [
      ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{ categories { name } }')}`],
      ['text/plain', JSON.stringify({ query: '{ categories { name } }' })],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ categories { name } }\r\n--x--'],
    ] as const) {
      const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status).toBe(400);
    }
    expect(calls.total()).toBe(0);

    // A client that says it is not a browser form (a non-simple header) may use GET.
    const preflighted = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent('{ categories { name } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
    expect(calls.counts().gigs).toBe(1);
  });

  it('does not expose federation internals or anything marked inaccessible', async () => {
    for (const query of ['{ _service { sdl } }', '{ _entities(representations: [{ __typename: "User", id: "1" }]) { __typename } }']) {
      const res = await graphqlRequest(stack.graphqlUrl, query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const introspection = await graphqlRequest<{ __schema: { types: Array<{ name: string; fields: Array<{ name: string }> | null }> } }>(
      stack.graphqlUrl,
      '{ __schema { types { name fields(includeDeprecated: true) { name } } } }',
    );
    const types = introspection.data!.__schema.types;
    const names = types.map((t) => t.name);
    expect(names).toContain('Category');
    for (const internal of ['_Service', '_Entity', '_Any', 'link__Import', 'join__Graph', 'join__FieldSet', 'link__Purpose'])
      expect(names).not.toContain(internal);
    const queryFields = types.find((t) => t.name === 'Query')!.fields!.map((f) => f.name);
    expect(queryFields).not.toContain('_service');
    expect(queryFields).not.toContain('_entities');
    expect(calls.total()).toBe(0);
  });

  describe('with settings', () => {
    let limited: HttpService;
    beforeAll(async () => {
      const config = parseConfig(gatewayEnvSchema, {
        USERS_URL: stack.urls.users,
        GIGS_URL: stack.urls.gigs,
        ORDERS_URL: stack.urls.orders,
        INBOX_URL: stack.urls.inbox,
        MEDIA_URL: stack.urls.media,
        SUPERGRAPH_POLL_MS: '0',
        RATE_LIMIT_PER_MINUTE: '3',
        CORS_ORIGINS: 'https://app.gigmart.example, https://admin.gigmart.example',
      });
      limited = await startGateway({ config, logger: testLogger, port: 0 });
    });
    afterAll(() => limited?.stop());

    it('rate-limits a client address: 429 with RATE_LIMITED and Retry-After, health unaffected', async () => {
      const url = `${limited.url}/graphql`;
      for (let i = 0; i < 3; i += 1) expect((await graphqlRequest(url, '{ categories { name } }')).status).toBe(200);
      const limitedResponse = await graphqlRequest(url, '{ categories { name } }');
      expect(limitedResponse.status).toBe(429);
      const retryAfter = Number(limitedResponse.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limitedResponse.errors).toEqual([
        {
          message: `Too many requests: at most 3 a minute. Try again in ${retryAfter} s.`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ]);
      expect((await fetch(`${limited.url}/health`)).status).toBe(200);
    });

    it('answers CORS preflights for configured origins only', async () => {
      const preflight = (origin: string) =>
        fetch(`${limited.url}/graphql`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
        });
      const allowed = await preflight('https://app.gigmart.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.gigmart.example');
      expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
      const other = await preflight('https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const local = await preflight('http://localhost:5173');
      expect(local.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows local origins by default outside production', async () => {
      const res = await fetch(`${stack.graphqlUrl}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      // An upload's bytes go to its signed link with PUT (services/media): the web client on :5173 may send them.
      const upload = await fetch(`${stack.gatewayUrl}/files/upload-id`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'PUT',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(upload.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(upload.headers.get('access-control-allow-methods')).toContain('PUT');
      const remote = await fetch(`${stack.graphqlUrl}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(remote.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

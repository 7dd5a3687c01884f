import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testLogger } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphClient, SubgraphDataSource, type ForwardedContext } from '../src/datasource.js';

/** A stand-in subgraph on a free port: each request's headers and whole body go to `onRequest`. */
async function startSubgraph(
  onRequest: (request: { headers: IncomingHttpHeaders; body: string }, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => onRequest({ headers: req.headers, body }, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

describe('subgraph requests: identical reads in flight go once', () => {
  let server: Server;
  let url: string;
  const received: string[] = [];
  const client = createSubgraphClient({ timeoutMs: 5000, keepAliveMs: 1000 });

  beforeAll(async () => {
    ({ server, url } = await startSubgraph(({ headers, body }, res) => {
      received.push(`${headers.authorization ?? '-'} ${body}`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { gig: { id: '1', title: 'Logo design' } } }));
    }));
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function ask(source: SubgraphDataSource, query: string, context: Partial<ForwardedContext> = {}) {
    // As the gateway calls it for a client's operation (the enum of kinds is not exported).
    const options = {
      kind: 'incoming operation',
      request: { query, variables: { id: '1' }, http: { method: 'POST', url, headers: new Headers() } },
      context: { requestId: `r${Math.random()}`, logger: testLogger, ...context },
      incomingRequestContext: {},
    };
    return source.process(options as unknown as Parameters<SubgraphDataSource['process']>[0]);
  }

  const QUERY = 'query ($id: ID!) { gig(id: $id) { id title } }';

  it('sends one request for identical reads at the same time, and each caller gets its own copy', async () => {
    received.length = 0;
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    const [a, b, c] = await Promise.all([ask(source, QUERY), ask(source, QUERY), ask(source, QUERY)]);
    expect(received).toHaveLength(1);
    expect(a.data).toEqual({ gig: { id: '1', title: 'Logo design' } });
    expect(b.data).toEqual(a.data);
    (a.data as { gig: { title: string } }).gig.title = 'changed by one caller';
    expect((c.data as { gig: { title: string } }).gig.title).toBe('Logo design');
  });

  it('copies the answer for the others before the first caller can change its own', async () => {
    received.length = 0;
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    // As the gateway does: the first caller merges into what it got as soon as it resumes.
    const first = ask(source, QUERY).then((r) => {
      (r.data as { gig: { title: string } }).gig.title = 'merged into by the first caller';
      return r;
    });
    const [, other] = await Promise.all([first, ask(source, QUERY)]);
    expect(received).toHaveLength(1);
    expect((other.data as { gig: { title: string } }).gig.title).toBe('Logo design');
  });

  it('sends again once the first answer is in: nothing is cached', async () => {
    received.length = 0;
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    await ask(source, QUERY);
    await ask(source, QUERY);
    expect(received).toHaveLength(2);
  });

  it('keeps apart callers with different tokens, mutations, and everything when turned off', async () => {
    received.length = 0;
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    await Promise.all([ask(source, QUERY, { authorization: 'Bearer a' }), ask(source, QUERY, { authorization: 'Bearer b' })]);
    expect(received.map((r) => r.split(' ').slice(0, 2).join(' ')).sort()).toEqual(['Bearer a', 'Bearer b']);

    received.length = 0;
    const MUTATION = 'mutation ($id: ID!) { pauseGig(id: $id) { id } }';
    await Promise.all([ask(source, MUTATION), ask(source, MUTATION)]);
    expect(received).toHaveLength(2);

    received.length = 0;
    const off = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher, deduplicate: false });
    await Promise.all([ask(off, QUERY), ask(off, QUERY)]);
    expect(received).toHaveLength(2);
  });
});

describe('subgraph requests: the transport', () => {
  let server: Server;
  let url: string;
  const received: { headers: Record<string, unknown>; body: string }[] = [];
  let answer: (res: ServerResponse) => void = () => {};
  const client = createSubgraphClient({ timeoutMs: 5000, keepAliveMs: 1000 });

  beforeAll(async () => {
    ({ server, url } = await startSubgraph((request, res) => {
      received.push(request);
      answer(res);
    }));
    url += '?from=gateway';
  });
  afterAll(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function ask(source: SubgraphDataSource, context: Partial<ForwardedContext> = {}) {
    const options = {
      kind: 'incoming operation',
      request: { query: '{ gig { id } }', variables: { n: 1 }, http: { method: 'POST', url, headers: new Headers() } },
      context: { requestId: 'req-1', logger: testLogger, ...context },
      incomingRequestContext: {},
    };
    return source.process(options as unknown as Parameters<SubgraphDataSource['process']>[0]);
  }

  it('posts the operation as JSON with the forwarded headers, and reads a large answer whole', async () => {
    received.length = 0;
    const title = 'x'.repeat(300_000);
    answer = (res) => {
      res.setHeader('content-type', 'application/graphql-response+json; charset=utf-8');
      res.end(JSON.stringify({ data: { gig: { id: '1', title } } }));
    };
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    const response = await ask(source, { authorization: 'Bearer t', clientAddress: '203.0.113.9' });
    expect(response.errors).toBeUndefined();
    expect((response.data as { gig: { title: string } }).gig.title).toHaveLength(300_000);
    const [sent] = received;
    expect(JSON.parse(sent!.body)).toEqual({ query: '{ gig { id } }', variables: { n: 1 } });
    expect(sent!.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t',
      'x-forwarded-for': '203.0.113.9',
      'x-request-id': 'req-1',
    });
  });

  it("passes on a subgraph's own errors sent with an HTTP error status", async () => {
    answer = (res) => {
      res.statusCode = 503;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errors: [{ message: 'gigs is starting.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
    };
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    const response = await ask(source);
    expect(response.errors).toEqual([{ message: 'gigs is starting.', extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
  });

  it('names the subgraph, and nothing else, when its answer is not GraphQL or it cannot be reached', async () => {
    answer = (res) => {
      res.statusCode = 502;
      res.setHeader('content-type', 'text/html');
      res.end('<html>Bad gateway at 10.0.0.7</html>');
    };
    const source = new SubgraphDataSource({ name: 'gigs', url, fetcher: client.fetcher });
    const unavailable = [{ message: 'The gigs service is unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE', service: 'gigs' } }];
    expect((await ask(source)).errors).toEqual(unavailable);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise((resolve) => closed.close(resolve));
    const gone = new SubgraphDataSource({ name: 'gigs', url: closedUrl, fetcher: client.fetcher });
    expect((await ask(gone)).errors).toEqual(unavailable);
  });
});

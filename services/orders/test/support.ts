import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_ROUTE, GIG_LOOKUP_ROUTE, newId, SERVICE_TOKEN_HEADER, type DomainEvent, type GigSnapshot, type Role } from '@gigmart/shared';
import {
  createTestTokenIssuer,
  graphqlRequest,
  TEST_SERVICE_TOKEN,
  testDatabaseName,
  testLogger,
  testMongoUri,
  type GraphQLResponse,
} from '@gigmart/shared/testing';
import { startOrdersService, type OrdersServiceOptions, type StartedOrdersService } from '../src/app.js';

/**
 * A stand-in for the gigs service's internal lookup endpoint, for service-level tests of the
 * orders subgraph only (end-to-end tests use the real gigs service). It checks the service
 * credential like the real one. It also takes the relay's event batches (EVENTS_ROUTE), recording
 * every delivery, and can refuse them (`acceptEvents = false`) like a consumer that is down.
 */
export class FakeGigs {
  readonly gigs = new Map<string, GigSnapshot>();
  calls = 0;
  /** Every event delivered, in arrival order (a redelivery appears twice). */
  readonly events: DomainEvent[] = [];
  acceptEvents = true;
  private server: Server | null = null;
  url = '';

  /** Listens on `port` (0: a free one); a stopped fake can start again on its old port. */
  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === EVENTS_ROUTE && req.headers[SERVICE_TOKEN_HEADER] === TEST_SERVICE_TOKEN) {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          if (!this.acceptEvents) {
            res.writeHead(503).end();
            return;
          }
          this.events.push(...(JSON.parse(body) as { events: DomainEvent[] }).events);
          res.writeHead(204).end();
        });
        return;
      }
      if (req.method !== 'POST' || req.url !== GIG_LOOKUP_ROUTE) {
        res.writeHead(404).end();
        return;
      }
      if (req.headers[SERVICE_TOKEN_HEADER] !== TEST_SERVICE_TOKEN) {
        res.writeHead(401).end();
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.calls += 1;
        const { ids } = JSON.parse(body) as { ids: string[] };
        const gigs = ids.map((id) => this.gigs.get(id)).filter(Boolean);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ gigs }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  add(overrides: Partial<GigSnapshot> & { sellerId: string }): GigSnapshot {
    const id = newId().toHexString();
    const gig: GigSnapshot = {
      id,
      slug: `gig-${id}`,
      title: 'I will design a memorable logo for your brand',
      status: 'ACTIVE',
      categoryId: newId().toHexString(),
      packages: [
        { tier: 'BASIC', name: 'Basic', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1, features: ['1 concept'] },
        { tier: 'STANDARD', name: 'Standard', description: 'Three concepts', priceCents: 10_000, deliveryDays: 5, revisions: null, features: [] },
        { tier: 'PREMIUM', name: 'Premium', description: 'Everything', priceCents: 25_010, deliveryDays: 7, revisions: 0, features: [] },
      ],
      requirements: [
        { id: newId().toHexString(), question: 'What is your brand called?', required: true },
        { id: newId().toHexString(), question: 'Any colours you like?', required: false },
      ],
      ...overrides,
    };
    this.gigs.set(id, gig);
    return gig;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

export interface Member {
  id: string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export interface OrdersHarness {
  service: StartedOrdersService;
  graphqlUrl: string;
  gigs: FakeGigs;
  /** The service's clock: tests move it instead of waiting. */
  now: Date;
  advance(ms: number): void;
  member(roles?: Role[]): Promise<Member>;
  anonymous<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export async function startOrdersHarness(name: string, overrides: Partial<OrdersServiceOptions> = {}): Promise<OrdersHarness> {
  const gigs = new FakeGigs();
  await gigs.start();
  const issuer = await createTestTokenIssuer();
  const harness = {
    now: new Date('2026-06-01T10:00:00.000Z'),
  } as OrdersHarness;
  const service = await startOrdersService({
    logger: testLogger,
    mongoUri: testMongoUri(),
    port: 0,
    dbName: testDatabaseName(name),
    serviceToken: TEST_SERVICE_TOKEN,
    urls: { users: 'http://127.0.0.1:9', gigs: gigs.url, orders: 'http://127.0.0.1:9' },
    verifyAccessToken: issuer.verify,
    clock: () => harness.now,
    autoCompleteIntervalMs: 0,
    ...overrides,
  });
  const graphqlUrl = `${service.url}/graphql`;
  return Object.assign(harness, {
    service,
    graphqlUrl,
    gigs,
    advance(ms: number) {
      harness.now = new Date(harness.now.getTime() + ms);
    },
    async member(roles: Role[] = ['BUYER']): Promise<Member> {
      const id = newId().toHexString();
      const token = await issuer.issue(id, roles);
      return { id, gql: (query, variables = {}) => graphqlRequest(graphqlUrl, query, variables, { token }) };
    },
    anonymous: (query: string, variables: Record<string, unknown> = {}) => graphqlRequest(graphqlUrl, query, variables),
    async stop() {
      await service.stop();
      await gigs.stop();
    },
  });
}

export const DAY = 24 * 60 * 60 * 1000;

export const ORDER_FIELDS = `
  id number status
  gig { id } buyer { id } seller { id }
  package { tier name price { amountCents formatted } deliveryDays revisions gigTitle }
  subtotal { amountCents } serviceFee { amountCents } total { amountCents } sellerEarnings { amountCents }
  requirements { question answer }
  dueAt isLate revisionsUsed revisionsRemaining
  deliveries { id message attachments deliveredAt }
  messages { id author { id } body sentAt }
  events { type actor { id } at note }
  createdAt updatedAt completedAt cancelledAt
`;

export interface OrderView {
  id: string;
  number: string;
  status: string;
  gig: { id: string };
  buyer: { id: string };
  seller: { id: string };
  package: { tier: string; name: string; price: { amountCents: number; formatted: string }; deliveryDays: number; revisions: number | null; gigTitle: string };
  subtotal: { amountCents: number };
  serviceFee: { amountCents: number };
  total: { amountCents: number };
  sellerEarnings: { amountCents: number };
  requirements: Array<{ question: string; answer: string }>;
  dueAt: string | null;
  isLate: boolean;
  revisionsUsed: number;
  revisionsRemaining: number | null;
  deliveries: Array<{ id: string; message: string; attachments: string[]; deliveredAt: string }>;
  messages: Array<{ id: string; author: { id: string }; body: string; sentAt: string }>;
  events: Array<{ type: string; actor: { id: string } | null; at: string; note: string | null }>;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  cancelledAt: string | null;
}

export interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}

export interface OrderPayloadView {
  order: OrderView | null;
  userErrors: UserErrorView[];
}

const PAYLOAD = `{ order { ${ORDER_FIELDS} } userErrors { field message code } }`;

export const M = {
  place: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) ${PAYLOAD} }`,
  submit: `mutation ($input: SubmitRequirementsInput!) { submitRequirements(input: $input) ${PAYLOAD} }`,
  deliver: `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) ${PAYLOAD} }`,
  revise: `mutation ($input: RequestRevisionInput!) { requestRevision(input: $input) ${PAYLOAD} }`,
  accept: `mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) ${PAYLOAD} }`,
  cancel: `mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) ${PAYLOAD} }`,
  message: `mutation ($input: SendOrderMessageInput!) { sendOrderMessage(input: $input) ${PAYLOAD} }`,
  order: `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
};

/** Runs a mutation expecting success; returns the payload's order. */
export async function ok(member: Member, mutation: string, input: Record<string, unknown>): Promise<OrderView> {
  const res = await member.gql<Record<string, OrderPayloadView>>(mutation, { input });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const payload = Object.values(res.data!)[0]!;
  if (payload.userErrors.length || !payload.order) throw new Error(JSON.stringify(payload.userErrors));
  return payload.order;
}

/** Runs a mutation; returns the raw payload and errors. */
export async function attempt(member: Member, mutation: string, input: Record<string, unknown>) {
  const res = await member.gql<Record<string, OrderPayloadView>>(mutation, { input });
  return { payload: res.data ? Object.values(res.data)[0] ?? null : null, errors: res.errors };
}

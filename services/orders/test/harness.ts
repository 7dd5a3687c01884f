import {
  EVENTS_ROUTE,
  GIG_LOOKUP_ROUTE,
  HAS_WRITTEN_ROUTE,
  MEMBERS_ROUTE,
  newId,
  parseInput,
  UserErrorsException,
  type DomainEvent,
  type EventBatch,
  type GigLookupRequest,
  type GigSnapshot,
  type HasWrittenRequest,
  type HasWrittenResponse,
  type Member as DirectoryMember,
  type MembersRequest,
  type MembersResponse,
  type Role,
} from '@gigmart/shared';
import {
  createTestTokenIssuer,
  FakeReply,
  graphqlClient,
  startFakeService,
  TEST_SERVICE_TOKEN,
  TestClock,
  testServiceOptions,
  type FakeService,
  type GraphQLResponse,
  type Gql,
} from '@gigmart/shared/testing';
import type { Connection } from 'mongoose';
import type { z } from 'zod';
import { startOrdersService, type OrdersServiceOptions, type StartedOrdersService } from '../src/app.js';

/**
 * The orders service alone for its tests: a fresh database on the run's server, signed-in members
 * from a test token issuer, a clock the tests move, and stand-ins for the gigs service's internal
 * routes and the users service's members route (end-to-end tests in e2e/ use the real ones).
 */

export const DAY = 24 * 60 * 60 * 1000;

/** Where the harness clock stands until a test moves it. */
export const HARNESS_START = '2026-06-01T10:00:00.000Z';

/**
 * The gigs service's internal routes as this service uses them: the gig lookup at placement, and
 * the events the relay publishes (recorded in arrival order, so a redelivery appears twice). Like
 * the real routes they refuse a caller without the service credential.
 */
export interface FakeGigs {
  url: string;
  /** What the lookup answers, by gig id: tests change a gig to show an order keeps its snapshot. */
  gigs: Map<string, GigSnapshot>;
  /** Every event delivered, in arrival order. */
  events: DomainEvent[];
  /** false: the events route answers 503, like a consumer that is down. */
  acceptEvents: boolean;
  /** An ACTIVE gig with three packages and two requirements (one required), changed by `overrides`. */
  add(overrides: Partial<GigSnapshot> & { sellerId: string }): GigSnapshot;
  stop(): Promise<void>;
  /** Listens again on the same port after `stop` (a peer that comes back). */
  start(): Promise<void>;
}

export async function startFakeGigs(): Promise<FakeGigs> {
  const gigs = new Map<string, GigSnapshot>();
  const events: DomainEvent[] = [];
  const service = await startFakeService({
    serviceToken: TEST_SERVICE_TOKEN,
    routes: {
      [`POST ${GIG_LOOKUP_ROUTE}`]: (body) => ({ gigs: (body as GigLookupRequest).ids.flatMap((id) => gigs.get(id) ?? []) }),
      [`POST ${EVENTS_ROUTE}`]: (body) => {
        if (!fake.acceptEvents) return new FakeReply(503);
        events.push(...(body as EventBatch).events);
        return new FakeReply(204);
      },
    },
  });
  const fake: FakeGigs = {
    url: service.url,
    gigs,
    events,
    acceptEvents: true,
    add(overrides) {
      const id = newId().toHexString();
      const gig: GigSnapshot = {
        id,
        slug: `gig-${id}`,
        title: 'I will design a memorable logo for your brand',
        status: 'ACTIVE',
        categoryId: newId().toHexString(),
        packages: [
          {
            tier: 'BASIC',
            name: 'Basic',
            description: 'One concept',
            priceCents: 5000,
            deliveryDays: 3,
            revisions: 1,
            features: ['1 concept'],
          },
          {
            tier: 'STANDARD',
            name: 'Standard',
            description: 'Three concepts',
            priceCents: 10_000,
            deliveryDays: 5,
            revisions: null,
            features: [],
          },
          { tier: 'PREMIUM', name: 'Premium', description: 'Everything', priceCents: 25_010, deliveryDays: 7, revisions: 0, features: [] },
        ],
        requirements: [
          { id: newId().toHexString(), question: 'What is your brand called?', required: true },
          { id: newId().toHexString(), question: 'Any colours you like?', required: false },
        ],
        ...overrides,
      };
      gigs.set(id, gig);
      return gig;
    },
    stop: () => service.stop(),
    start: () => service.start(),
  };
  return fake;
}

/**
 * The inbox service's internal routes as this service uses them: has-written (answered from
 * `written` and `blocked`, keys `<sellerId>:<buyerId>`) and the offer events the relay publishes.
 */
export interface FakeInbox {
  url: string;
  written: Set<string>;
  blocked: Set<string>;
  /** Every event delivered, in arrival order. */
  events: DomainEvent[];
  /** The buyer wrote to the seller. */
  write(buyer: { id: string }, seller: { id: string }): void;
  stop(): Promise<void>;
}

export async function startFakeInbox(): Promise<FakeInbox> {
  const written = new Set<string>();
  const blocked = new Set<string>();
  const events: DomainEvent[] = [];
  const service = await startFakeService({
    serviceToken: TEST_SERVICE_TOKEN,
    routes: {
      [`POST ${HAS_WRITTEN_ROUTE}`]: (body): HasWrittenResponse => {
        const { sellerId, buyerId } = body as HasWrittenRequest;
        return { hasWritten: written.has(`${sellerId}:${buyerId}`), blocked: blocked.has(`${sellerId}:${buyerId}`) };
      },
      [`POST ${EVENTS_ROUTE}`]: (body) => {
        events.push(...(body as EventBatch).events);
        return new FakeReply(204);
      },
    },
  });
  return {
    url: service.url,
    written,
    blocked,
    events,
    write: (buyer, seller) => written.add(`${seller.id}:${buyer.id}`),
    stop: () => service.stop(),
  };
}

/** A signed-in member: send their token with `gql(query, variables, { token })`. */
export interface Member {
  id: string;
  token: string;
}

export interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}

export interface OrdersHarness {
  service: StartedOrdersService;
  gql: Gql;
  clock: TestClock;
  gigs: FakeGigs;
  inbox: FakeInbox;
  /** The users service's members route (shared/src/internal/members.ts), answered from `member()`'s members. */
  users: FakeService;
  /** A member the users service knows, signed in. */
  member(roles?: Role[]): Promise<Member>;
  /** A validly signed token for an id the users service does not know (deleted, or never there). */
  unknownMember(roles?: Role[]): Promise<Member>;
  /** Runs a mutation expecting success; returns the payload's order. */
  ok(member: Member, mutation: string, input: Record<string, unknown>): Promise<OrderView>;
  /** Runs a mutation; returns the payload and the errors as they came. */
  attempt(
    member: Member,
    mutation: string,
    input: Record<string, unknown>,
  ): Promise<{ payload: OrderPayloadView | null; errors: GraphQLResponse['errors'] }>;
  /**
   * Stops the service and starts another on the same database, with the same stand-ins, clock and
   * token issuer (what a crash and a restart do); `service` and `gql` then talk to the new one.
   */
  restart(overrides?: Partial<OrdersServiceOptions>): Promise<void>;
  stop(): Promise<void>;
}

export async function startOrdersHarness(name: string, overrides: Partial<OrdersServiceOptions> = {}): Promise<OrdersHarness> {
  const gigs = await startFakeGigs();
  const inbox = await startFakeInbox();
  const members = new Map<string, DirectoryMember>();
  const users = await startFakeService({
    serviceToken: TEST_SERVICE_TOKEN,
    routes: {
      [`POST ${MEMBERS_ROUTE}`]: (body): MembersResponse => ({
        members: (body as MembersRequest).ids.flatMap((id) => members.get(id) ?? []),
      }),
    },
  });
  const issuer = await createTestTokenIssuer();
  const clock = new TestClock(HARNESS_START);
  const options = testServiceOptions(name, {
    urls: { users: users.url, gigs: gigs.url, orders: 'http://127.0.0.1:9', inbox: inbox.url },
    verifyAccessToken: issuer.verify,
    clock: clock.now,
  });
  const start = (more: Partial<OrdersServiceOptions>) =>
    startOrdersService({ ...options, autoCompleteIntervalMs: 0, offerExpiryIntervalMs: 0, ...overrides, ...more });
  const service = await start({});
  const attempt: OrdersHarness['attempt'] = async (member, mutation, input) => {
    const res = await harness.gql<Record<string, OrderPayloadView>>(mutation, { input }, { token: member.token });
    return { payload: res.data ? (Object.values(res.data)[0] ?? null) : null, errors: res.errors };
  };
  const harness: OrdersHarness = {
    service,
    gql: graphqlClient(`${service.url}/graphql`),
    clock,
    gigs,
    inbox,
    users,
    async member(roles: Role[] = ['BUYER']) {
      const id = newId().toHexString();
      const seller = roles.includes('SELLER');
      members.set(id, {
        id,
        username: `m_${id.slice(-8)}`,
        roles,
        isSeller: seller,
        sellerSince: seller ? clock.now().toISOString() : null,
      });
      return { id, token: await issuer.issue(id, roles) };
    },
    async unknownMember(roles: Role[] = ['BUYER']) {
      const id = newId().toHexString();
      return { id, token: await issuer.issue(id, roles) };
    },
    attempt,
    async ok(member, mutation, input) {
      const { payload, errors } = await attempt(member, mutation, input);
      if (errors) throw new Error(JSON.stringify(errors));
      if (!payload?.order || payload.userErrors.length) throw new Error(JSON.stringify(payload?.userErrors));
      return payload.order;
    },
    async restart(more = {}) {
      await harness.service.stop();
      harness.service = await start(more);
      harness.gql = graphqlClient(`${harness.service.url}/graphql`);
    },
    async stop() {
      await harness.service.stop();
      await Promise.all([gigs.stop(), inbox.stop(), users.stop()]);
    },
  };
  return harness;
}

/**
 * Records the database operations a block makes on a connection (through mongoose's debug hook),
 * so tests can show that a page of N items costs a fixed number of queries.
 */
export async function countQueries<T>(connection: Connection, run: () => Promise<T>): Promise<{ result: T; ops: string[] }> {
  const ops: string[] = [];
  connection.set('debug', (collection: string, method: string) => {
    ops.push(`${collection}.${method}`);
  });
  try {
    const result = await run();
    return { result, ops };
  } finally {
    connection.set('debug', false);
  }
}

/** What parseInput reports for `input` (rules tests): [field, code, message] per broken rule, in order. */
export function refusals(schema: z.ZodType, input: unknown): Array<[string | undefined, string, string]> {
  try {
    parseInput(schema, input);
    return [];
  } catch (error) {
    if (!(error instanceof UserErrorsException)) throw error;
    return error.userErrors.map((e) => [e.field?.join('.'), e.code, e.message]);
  }
}

// ---------------------------------------------------------------------------------------------
// Operations and the shapes tests read.

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
  package: {
    tier: string;
    name: string;
    price: { amountCents: number; formatted: string };
    deliveryDays: number;
    revisions: number | null;
    gigTitle: string;
  };
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

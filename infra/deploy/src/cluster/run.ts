/**
 * The multi-instance proof: steady mixed traffic through the balancers (searches and reads, orders
 * through their lifecycle, messages, subscriptions) while one instance of each subgraph, one
 * gateway and one NATS node are killed (SIGKILL), one at a time, and brought back; then every
 * order's history, every gig's stats, every notification and every message is checked against
 * what was done. `npm run cluster` prints the report; e2e/test/cluster.e2e.test.ts runs it shorter
 * and asserts it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { GROUPS, serverName, startCluster, type Cluster, type Group } from './cluster.js';

export interface ClusterRunOptions {
  /** Traffic before the first fault, and between faults (ms). */
  steadyMs: number;
  /** How long a killed process stays down (ms). */
  downMs: number;
  /** Orders driven through their lifecycle at once. */
  orderWorkers: number;
  say?: (line: string) => void;
  logDir?: string;
}

export interface FaultRecord {
  target: string;
  killedAt: number;
  /** When the balancer marked it DOWN (NATS nodes: when killed, as no balancer watches them). */
  noticedAt: number;
  backAt: number;
  /** Milliseconds from the kill until the balancer took it out of rotation. */
  noticeMs: number;
  /** Read attempts that failed between the kill and the balancer noticing (allowed; retried). */
  readFailuresBeforeNotice: number;
}

export interface ClusterReport {
  durationSeconds: number;
  faults: FaultRecord[];
  reads: { attempts: number; failedBeforeNotice: number; failedAfterNotice: number; failuresAfterNotice: string[]; gaveUp: number };
  writes: { attempts: number; retried: number };
  orders: { completed: number; reviewed: number; historyProblems: string[] };
  gigs: { checked: number; statsProblems: string[]; convergedAfterMs: number };
  notifications: { checked: number; problems: string[]; convergedAfterMs: number };
  messages: { sent: number; problems: string[] };
  subscriptions: { clients: number; reconnects: number; resumed: number; receivedAfterLastReconnect: number; problems: string[] };
  /** Every assertion of the run, in one list: empty when it passed. */
  problems: string[];
}

interface GqlResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** A request that got no answer (connection refused or reset, timeout), as a result with an error. */
const transportFailure = <T>(error: unknown): GqlResult<T> => ({ errors: [{ message: String(error) }] });

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Member {
  id: string;
  username: string;
  token: string;
}

const MUTATIONS = {
  signUp: `mutation ($input: SignUpInput!) { signUp(input: $input) { session { accessToken } user { id username } userErrors { code message } } }`,
  becomeSeller: `mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { user { id } userErrors { code message } } }`,
  createGig: `mutation ($input: CreateGigInput!) { createGig(input: $input) { gig { id } userErrors { code message } } }`,
  publishGig: `mutation ($id: ID!) { publishGig(input: { id: $id }) { gig { id status } userErrors { code message } } }`,
  place: `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } userErrors { code message } } }`,
  deliver: `mutation ($input: DeliverOrderInput!) { deliverOrder(input: $input) { order { id status } userErrors { code message } } }`,
  accept: `mutation ($input: OrderIdInput!) { acceptDelivery(input: $input) { order { id status } userErrors { code message } } }`,
  review: `mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { id } userErrors { code message } } }`,
  message: `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { message { id } userErrors { code message } } }`,
};
const READS = {
  search: `query ($q: String) { searchGigs(query: $q, first: 10) { edges { node { id title seller { username } } } } }`,
  order: `query ($id: ID!) { order(id: $id) { id status gig { title } buyer { username } seller { username } } }`,
  me: `{ me { id username } }`,
};

export async function runCluster(options: ClusterRunOptions): Promise<ClusterReport> {
  const say = options.say ?? (() => {});
  const started = Date.now();
  const cluster = await startCluster({ say, ...(options.logDir ? { logDir: options.logDir } : {}) });
  const clients: Client[] = [];
  try {
    return await drive(cluster, options, say, started, clients);
  } finally {
    for (const client of clients) await client.dispose();
    await cluster.stop();
  }
}

async function drive(
  cluster: Cluster,
  options: ClusterRunOptions,
  say: (line: string) => void,
  started: number,
  clients: Client[],
): Promise<ClusterReport> {
  const faults: FaultRecord[] = [];
  const readLog: Array<{ at: number; end: number; ok: boolean; what: string }> = [];
  let writeAttempts = 0;
  let writeRetries = 0;
  let readsGaveUp = 0;

  const post = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<GqlResult<T>> => {
    const response = await fetch(cluster.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    try {
      return JSON.parse(text) as GqlResult<T>;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 120)}` }] };
    }
  };

  /** An idempotent read: every attempt is logged; failures are retried (up to 20 times). */
  const read = async <T>(what: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T | null> => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const at = Date.now();
      const result = await post<T>(query, variables, token).catch((error: unknown) => transportFailure<T>(error));
      const ok = !result.errors?.length && result.data != null;
      readLog.push({ at, end: Date.now(), ok, what: ok ? what : `${what}: ${result.errors?.[0]?.message ?? 'no data'}` });
      if (ok) return result.data!;
      await sleep(200);
    }
    readsGaveUp += 1;
    return null;
  };

  /**
   * A mutation, retried until it answers: one that failed on the way may have happened, so a
   * retry that finds the work done (a userError naming the state, or an idempotency key's replay)
   * counts as done.
   */
  const mutate = async <T extends Record<string, { userErrors: Array<{ code: string; message: string }> }>>(
    query: string,
    variables: Record<string, unknown>,
    token: string | undefined,
    doneOnRetry: (codes: string[]) => boolean | Promise<boolean> = () => false,
  ): Promise<T[keyof T]> => {
    const deadline = Date.now() + 120_000;
    for (let attempt = 0; Date.now() < deadline; attempt += 1) {
      writeAttempts += 1;
      if (attempt > 0) writeRetries += 1;
      const result = await post<T>(query, variables, token).catch((error: unknown) => transportFailure<T>(error));
      const payload = result.data ? Object.values(result.data)[0] : undefined;
      if (payload && !result.errors?.length) {
        const codes = payload.userErrors.map((e) => e.code);
        if (codes.length === 0) return payload as T[keyof T];
        // The first attempt with this key is still at work, or died with the process that ran it
        // (the key is taken over once stale): try again.
        if (payload.userErrors.some((e) => e.message.includes('still being processed'))) {
          await sleep(1000);
          continue;
        }
        if (attempt > 0 && (await doneOnRetry(codes))) return payload as T[keyof T];
        if (attempt === 0 || !codes.includes('INVALID_STATE')) {
          throw new Error(`mutation refused: ${JSON.stringify(payload.userErrors)} (${query.slice(0, 40)})`);
        }
      }
      await sleep(250);
    }
    throw new Error(`mutation kept failing: ${query.slice(0, 60)}`);
  };

  // --- the marketplace: sellers with a gig each, buyers -------------------------------------
  const signUp = async (seller: boolean): Promise<Member> => {
    const suffix = randomBytes(4).toString('hex');
    const payload = await mutate<{ signUp: { session: { accessToken: string }; user: { id: string; username: string }; userErrors: [] } }>(
      MUTATIONS.signUp,
      {
        input: {
          email: `c_${suffix}@example.com`,
          password: 'correct horse battery',
          username: `c_${suffix}`,
          displayName: `Cluster ${suffix}`,
        },
      },
      undefined,
    );
    const member = { id: payload.user.id, username: payload.user.username, token: payload.session.accessToken };
    if (seller) {
      await mutate(
        MUTATIONS.becomeSeller,
        {
          input: { headline: 'I design logos that people remember', skills: ['logo design'], languages: [{ code: 'en', level: 'FLUENT' }] },
        },
        member.token,
      );
    }
    return member;
  };
  const word = `clu${randomBytes(3).toString('hex')}`;
  const sellers = await Promise.all([0, 1, 2].map(() => signUp(true)));
  const buyers = await Promise.all([0, 1, 2, 3].map(() => signUp(false)));
  const gigs: Array<{ id: string; seller: Member }> = [];
  for (const [n, seller] of sellers.entries()) {
    const created = await mutate<{ createGig: { gig: { id: string }; userErrors: [] } }>(
      MUTATIONS.createGig,
      {
        input: {
          title: `I will design a bold ${word} logo number ${n + 1} for you`,
          description:
            'A bold logo designed from scratch for your business, with two concepts, revisions on the one you pick and the final files for print and web.',
          categorySlug: 'logo-design',
          tags: ['logo'],
          packages: [
            { tier: 'BASIC', name: 'Starter', description: 'One concept', priceCents: 5000, deliveryDays: 3, revisions: 1, features: [] },
          ],
          requirements: [],
        },
      },
      seller.token,
    );
    await mutate(MUTATIONS.publishGig, { id: created.gig.id }, seller.token, (codes) => codes.length > 0);
    gigs.push({ id: created.gig.id, seller });
  }
  say(`marketplace: ${sellers.length} sellers with a gig each, ${buyers.length} buyers`);

  // --- subscriptions: each buyer's notifications, over WebSocket through the gateways' balancer --
  const subscriptions = buyers.map((buyer) => ({
    buyer,
    connects: [] as number[],
    received: [] as Array<{ at: number; orderId: string | null; kind: string }>,
  }));
  for (const sub of subscriptions) {
    const client = createClient({
      url: cluster.wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      connectionParams: { Authorization: `Bearer ${sub.buyer.token}` },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: () => sleep(300),
      on: { connected: () => sub.connects.push(Date.now()) },
    });
    clients.push(client);
    client.subscribe<{ notificationAdded: { kind: string; order: { id: string } | null } }>(
      { query: 'subscription { notificationAdded { kind order { id } } }' },
      {
        next: (result) => {
          const n = result.data?.notificationAdded;
          if (n) sub.received.push({ at: Date.now(), orderId: n.order?.id ?? null, kind: n.kind });
        },
        error: () => {},
        complete: () => {},
      },
    );
  }
  for (const sub of subscriptions) {
    const deadline = Date.now() + 20_000;
    while (sub.connects.length === 0 && Date.now() < deadline) await sleep(100);
  }
  await sleep(500);

  // --- steady traffic ------------------------------------------------------------------------
  let stopping = false;
  const done: Array<{ orderId: string; gigId: string; buyer: Member; seller: Member; rating: number; finishedAt: number }> = [];
  const sentMessages: Array<{ from: Member; to: Member; body: string }> = [];
  const errors: string[] = [];
  const orderWorker = async (w: number) => {
    for (let n = 0; !stopping; n += 1) {
      const buyer = buyers[(w + n) % buyers.length]!;
      const gig = gigs[(w * 7 + n) % gigs.length]!;
      const rating = 1 + ((w + n) % 5);
      try {
        const placed = await mutate<{ placeOrder: { order: { id: string }; userErrors: [] } }>(
          MUTATIONS.place,
          { input: { gigId: gig.id, tier: 'BASIC', idempotencyKey: randomUUID() } },
          buyer.token,
        );
        const orderId = placed.order.id;
        await mutate(MUTATIONS.deliver, { input: { orderId, message: 'Here it is', attachments: [] } }, gig.seller.token, (c) =>
          c.includes('INVALID_STATE'),
        );
        await mutate(MUTATIONS.accept, { input: { orderId } }, buyer.token, (c) => c.includes('INVALID_STATE'));
        // Refused on a retry: done if the order shows the review; else an earlier attempt was cut
        // off between its two writes, which a later retry finishes (orders' leaveReview).
        await mutate(
          MUTATIONS.review,
          { input: { orderId, rating, comment: 'Clear, quick and exactly as described.' } },
          buyer.token,
          async (c) => {
            if (!c.includes('INVALID_STATE')) return false;
            const view = await read<{ order: { events: Array<{ type: string }> } | null }>(
              'order events',
              `query ($id: ID!) { order(id: $id) { events { type } } }`,
              { id: orderId },
              buyer.token,
            );
            return view?.order?.events.some((e) => e.type === 'REVIEWED') ?? false;
          },
        );
        done.push({ orderId, gigId: gig.id, buyer, seller: gig.seller, rating, finishedAt: Date.now() });
      } catch (error) {
        errors.push(String(error));
        await sleep(500);
      }
    }
  };
  const messenger = async () => {
    for (let n = 0; !stopping; n += 1) {
      const from = buyers[n % buyers.length]!;
      const to = sellers[n % sellers.length]!;
      const body = `cluster message ${n} ${randomBytes(4).toString('hex')}`;
      try {
        await mutate(MUTATIONS.message, { input: { recipientId: to.id, body, idempotencyKey: randomUUID() } }, from.token);
        sentMessages.push({ from, to, body });
      } catch (error) {
        errors.push(String(error));
      }
      await sleep(300);
    }
  };
  const reader = async (r: number) => {
    for (let n = 0; !stopping; n += 1) {
      const buyer = buyers[(r + n) % buyers.length]!;
      await read('searchGigs', READS.search, { q: word });
      const last = done[done.length - 1 - (n % Math.max(1, Math.min(done.length, 5)))];
      if (last) await read('order', READS.order, { id: last.orderId }, last.buyer.token);
      await read('me', READS.me, {}, buyer.token);
      await sleep(50);
    }
  };
  const workers = [...Array.from({ length: options.orderWorkers }, (_, w) => orderWorker(w)), messenger(), reader(0), reader(1)];

  // --- the fault schedule ----------------------------------------------------------------------
  await sleep(options.steadyMs);
  /** A read attempt under way at some moment between the kill and the balancer noticing (it may have been sent to the dead process). */
  const overlaps = (r: { at: number; end: number }, from: number, to: number) => r.at <= to && r.end >= from;
  const readFailuresIn = (from: number, to: number) => readLog.filter((r) => !r.ok && overlaps(r, from, to)).length;
  for (const target of [...GROUPS.filter((g) => g !== 'gateway'), 'gateway', 'nats'] as Array<Group | 'nats'>) {
    const killedAt = Date.now();
    let noticedAt = killedAt;
    if (target === 'nats') {
      cluster.killNats(0);
    } else {
      cluster.kill(target, 0);
      await cluster.waitForBalancer(target, 0, 'DOWN');
      noticedAt = Date.now();
    }
    say(`fault: ${target === 'nats' ? 'nats1' : serverName(target, 0)} killed; out of rotation after ${noticedAt - killedAt} ms`);
    await sleep(options.downMs);
    if (target === 'nats') {
      await cluster.startNats(0);
    } else {
      await cluster.start(target, 0);
      await cluster.waitForBalancer(target, 0, 'UP');
    }
    const backAt = Date.now();
    say(`fault: ${target === 'nats' ? 'nats1' : serverName(target, 0)} back after ${Math.round((backAt - killedAt) / 1000)} s`);
    faults.push({
      target: target === 'nats' ? 'nats1' : serverName(target, 0),
      killedAt,
      noticedAt,
      backAt,
      noticeMs: noticedAt - killedAt,
      readFailuresBeforeNotice: readFailuresIn(killedAt, noticedAt),
    });
    await sleep(options.steadyMs);
  }
  stopping = true;
  await Promise.all(workers);
  say(`traffic stopped: ${done.length} orders completed and reviewed, ${sentMessages.length} messages, ${readLog.length} read attempts`);

  // --- the checks ------------------------------------------------------------------------------
  const problems: string[] = [];
  const excused = (r: { at: number; end: number }) => faults.some((f) => overlaps(r, f.killedAt, f.noticedAt));
  const failedAfter = readLog.filter((r) => !r.ok && !excused(r));
  const reads = {
    attempts: readLog.length,
    failedBeforeNotice: readLog.filter((r) => !r.ok && excused(r)).length,
    failedAfterNotice: failedAfter.length,
    failuresAfterNotice: failedAfter.slice(0, 10).map((r) => `${new Date(r.at).toISOString()} ${r.what}`),
    gaveUp: readsGaveUp,
  };
  if (reads.failedAfterNotice > 0)
    problems.push(
      `${reads.failedAfterNotice} reads failed outside the windows before the balancer noticed: ${reads.failuresAfterNotice.join('; ')}`,
    );
  if (readsGaveUp > 0) problems.push(`${readsGaveUp} reads failed on every retry`);
  if (errors.length) problems.push(`${errors.length} operations of the traffic failed: ${errors.slice(0, 3).join('; ')}`);
  if (done.length === 0) problems.push('no order went through its lifecycle');

  // Orders: each history exactly as driven, once.
  const historyProblems: string[] = [];
  for (const order of done) {
    const data = await read<{ order: { status: string; events: Array<{ type: string }> } | null }>(
      'history',
      `query ($id: ID!) { order(id: $id) { status events { type } } }`,
      { id: order.orderId },
      order.buyer.token,
    );
    const types = data?.order?.events.map((e) => e.type) ?? [];
    const expected = ['PLACED', 'DELIVERED', 'COMPLETED', 'REVIEWED'];
    const counts = new Map<string, number>();
    for (const type of types) counts.set(type, (counts.get(type) ?? 0) + 1);
    if (data?.order?.status !== 'COMPLETED' || expected.some((t) => counts.get(t) !== 1) || [...counts.values()].some((c) => c > 1)) {
      historyProblems.push(`${order.orderId}: ${data?.order?.status ?? 'missing'} [${types.join(', ')}]`);
    }
  }
  if (historyProblems.length) problems.push(`order histories: ${historyProblems.slice(0, 5).join('; ')}`);

  // Gigs: stats equal to the orders completed and reviews left (events applied once each), once the consumers caught up.
  const statsOf = async () => {
    const out: string[] = [];
    for (const gig of gigs) {
      const mine = done.filter((o) => o.gigId === gig.id);
      const data = await read<{ gig: { ordersCompleted: number; rating: { average: number | null; count: number } } | null }>(
        'gig stats',
        `query ($id: ID!) { gig(id: $id) { ordersCompleted rating { average count } } }`,
        { id: gig.id },
      );
      const expectedAverage = mine.length ? mine.reduce((s, o) => s + o.rating, 0) / mine.length : null;
      const got = data?.gig;
      if (
        !got ||
        got.ordersCompleted !== mine.length ||
        got.rating.count !== mine.length ||
        (expectedAverage === null ? got.rating.average !== null : Math.abs((got.rating.average ?? -1) - expectedAverage) > 0.01)
      ) {
        out.push(`${gig.id}: ${JSON.stringify(got)} for ${mine.length} orders averaging ${expectedAverage}`);
      }
    }
    return out;
  };
  const statsStart = Date.now();
  let statsProblems = await statsOf();
  while (statsProblems.length && Date.now() - statsStart < 60_000) {
    await sleep(500);
    statsProblems = await statsOf();
  }
  const convergedAfterMs = Date.now() - statsStart;
  if (statsProblems.length) problems.push(`gig stats: ${statsProblems.join('; ')}`);

  // Notifications: for each order, one of each kind the lifecycle makes, on either side; none twice.
  const notificationsOf = async (member: Member) => {
    const all: Array<{ kind: string; order: { id: string } | null }> = [];
    let after: string | null = null;
    for (;;) {
      const data: {
        notifications: {
          edges: Array<{ node: { kind: string; order: { id: string } | null } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } | null = await read(
        'notifications',
        `query ($after: String) { notifications(first: 50, after: $after) { edges { node { kind order { id } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        member.token,
      );
      if (!data) break;
      all.push(...data.notifications.edges.map((e) => e.node));
      if (!data.notifications.pageInfo.hasNextPage) break;
      after = data.notifications.pageInfo.endCursor;
    }
    return all;
  };
  /** Problems with the notifications as they are now: every lifecycle kind once per order, nothing twice. */
  const checkNotifications = async (): Promise<string[]> => {
    const perOrder = new Map<string, Map<string, number>>();
    for (const member of [...buyers, ...sellers]) {
      for (const n of await notificationsOf(member)) {
        if (!n.order) continue;
        const kinds = perOrder.get(n.order.id) ?? new Map<string, number>();
        kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
        perOrder.set(n.order.id, kinds);
      }
    }
    const found: string[] = [];
    for (const order of done) {
      const kinds = perOrder.get(order.orderId) ?? new Map<string, number>();
      for (const kind of ['ORDER_PLACED', 'ORDER_DELIVERED', 'ORDER_COMPLETED', 'REVIEW_RECEIVED']) {
        if ((kinds.get(kind) ?? 0) > 1) continue; // reported below
        if (kinds.get(kind) !== 1) found.push(`${order.orderId}: ${kind} × 0`);
      }
      for (const [kind, count] of kinds) if (count > 1) found.push(`${order.orderId}: ${kind} × ${count}`);
    }
    return found;
  };
  // The inbox applies the orders' events as they come off the stream: wait for it to catch up
  // (a duplicate never goes away, so waiting cannot hide one).
  const notificationsStart = Date.now();
  let notificationProblems = await checkNotifications();
  while (
    notificationProblems.some((p) => p.endsWith('× 0')) &&
    !notificationProblems.some((p) => !p.endsWith('× 0')) &&
    Date.now() - notificationsStart < 120_000
  ) {
    await sleep(1000);
    notificationProblems = await checkNotifications();
  }
  const notificationsConvergedAfterMs = Date.now() - notificationsStart;
  if (notificationProblems.length) problems.push(`notifications: ${[...new Set(notificationProblems)].slice(0, 5).join('; ')}`);

  // Messages: each sent once, none lost.
  const messageProblems: string[] = [];
  const bodies = new Map<string, number>();
  type Page<T> = { edges: Array<{ node: T }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  for (const seller of sellers) {
    const data = await read<{ conversations: Page<{ id: string }> }>(
      'conversations',
      `{ conversations(first: 50) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      seller.token,
    );
    for (const { node } of data?.conversations.edges ?? []) {
      let after: string | null = null;
      for (;;) {
        const page: { conversation: { messages: Page<{ body: string }> } | null } | null = await read(
          'messages',
          `query ($id: ID!, $after: String) { conversation(id: $id) { messages(first: 50, after: $after) { edges { node { body } } pageInfo { hasNextPage endCursor } } } }`,
          { id: node.id, after },
          seller.token,
        );
        const messages: Page<{ body: string }> | undefined = page?.conversation?.messages;
        if (!messages) break;
        for (const m of messages.edges) bodies.set(m.node.body, (bodies.get(m.node.body) ?? 0) + 1);
        if (!messages.pageInfo.hasNextPage) break;
        after = messages.pageInfo.endCursor;
      }
    }
  }
  for (const message of sentMessages)
    if (bodies.get(message.body) !== 1) messageProblems.push(`"${message.body}" × ${bodies.get(message.body) ?? 0}`);
  if (messageProblems.length) problems.push(`messages: ${messageProblems.slice(0, 5).join('; ')}`);

  // Subscriptions: a client cut off with its gateway connects again and receives again.
  const subscriptionProblems: string[] = [];
  let reconnects = 0;
  let resumed = 0;
  let receivedAfterLastReconnect = 0;
  for (const sub of subscriptions) {
    const last = sub.connects[sub.connects.length - 1]!;
    reconnects += sub.connects.length - 1;
    const after = sub.received.filter((r) => r.at > last).length;
    if (sub.connects.length > 1) {
      receivedAfterLastReconnect += after;
      if (after > 0) resumed += 1;
      else if (done.some((o) => o.buyer === sub.buyer && o.finishedAt > last + 2000))
        subscriptionProblems.push(`${sub.buyer.username}: nothing after reconnecting`);
    }
  }
  if (reconnects === 0) subscriptionProblems.push('no subscription was cut off by the gateway fault (none was on the killed gateway)');
  if (subscriptionProblems.length) problems.push(`subscriptions: ${subscriptionProblems.join('; ')}`);

  return {
    durationSeconds: Math.round((Date.now() - started) / 1000),
    faults,
    reads,
    writes: { attempts: writeAttempts, retried: writeRetries },
    orders: { completed: done.length, reviewed: done.length, historyProblems },
    gigs: { checked: gigs.length, statsProblems, convergedAfterMs },
    notifications: { checked: done.length, problems: notificationProblems, convergedAfterMs: notificationsConvergedAfterMs },
    messages: { sent: sentMessages.length, problems: messageProblems },
    subscriptions: { clients: subscriptions.length, reconnects, resumed, receivedAfterLastReconnect, problems: subscriptionProblems },
    problems,
  };
}

/** The report as lines for a terminal. */
export function formatReport(report: ClusterReport): string {
  const lines = [
    `Cluster run: ${report.durationSeconds} s`,
    ...report.faults.map(
      (f) =>
        `  ${f.target.padEnd(9)} killed: out of rotation after ${f.noticeMs} ms, back after ${Math.round((f.backAt - f.killedAt) / 1000)} s, ${f.readFailuresBeforeNotice} read attempts failed before the balancer noticed`,
    ),
    `  reads: ${report.reads.attempts} attempts, ${report.reads.failedBeforeNotice} failed before the balancer noticed (retried), ${report.reads.failedAfterNotice} after, ${report.reads.gaveUp} gave up`,
    `  writes: ${report.writes.attempts} attempts, ${report.writes.retried} retries`,
    `  orders: ${report.orders.completed} placed, delivered, completed and reviewed; ${report.orders.historyProblems.length} wrong histories`,
    `  gigs: ${report.gigs.checked} gigs' stats equal to what was done after ${report.gigs.convergedAfterMs} ms; ${report.gigs.statsProblems.length} wrong`,
    `  notifications: ${report.notifications.checked} orders' notifications complete after ${report.notifications.convergedAfterMs} ms; ${report.notifications.problems.length} problems`,
    `  messages: ${report.messages.sent} sent, ${report.messages.problems.length} lost or duplicated`,
    `  subscriptions: ${report.subscriptions.clients} clients, ${report.subscriptions.reconnects} reconnects, ${report.subscriptions.resumed} resumed (${report.subscriptions.receivedAfterLastReconnect} notifications after reconnecting)`,
    report.problems.length
      ? `FAILED:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`
      : 'PASSED: no failed read after the balancer noticed, no lost or duplicated event',
  ];
  return lines.join('\n');
}

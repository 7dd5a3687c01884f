import { DEMO_PASSWORD, demoEmail } from './data.js';
import { uploadFile } from './files.js';
import type { DemoWorld, SeedLog, SeededGig, SeededSeller } from './index.js';

/**
 * Demo orders on top of the demo catalogue, made through the public API like everything else:
 * a few buyer accounts order from the demo sellers; some orders are completed (a few after a
 * revision) and reviewed, some reviews answered by the seller, and one order waits in every other
 * state (awaiting requirements, in progress, delivered, in revision, cancelled, disputed), with
 * one extension request and one cancellation request pending (orders.resolution.graphql).
 *
 * Idempotent: every order is placed with an idempotency key of its own, so a second run finds the
 * same orders and only moves on those that have not reached their target state yet.
 *
 * Seller levels: the demo sellers stay NEW. Every level needs at least 60 days as a seller, and
 * `sellerSince` is when the account became a seller, which for a fresh demo is today; no public
 * operation can backdate it. The track records differ instead (completed orders, ratings, earnings).
 */

type Status = 'AWAITING_REQUIREMENTS' | 'IN_PROGRESS' | 'DELIVERED' | 'IN_REVISION' | 'COMPLETED' | 'CANCELLED' | 'DISPUTED';

interface DemoBuyer {
  username: string;
  displayName: string;
}

export const DEMO_BUYERS: DemoBuyer[] = [
  { username: 'demo_buyer_ana', displayName: 'Ana Costa' },
  { username: 'demo_buyer_tom', displayName: 'Tom Becker' },
  { username: 'demo_buyer_kim', displayName: 'Kim Nguyen' },
];

interface Scenario {
  key: string;
  buyer: number;
  seller: number;
  gig: number;
  tier: 'BASIC' | 'STANDARD' | 'PREMIUM';
  target: Status;
  /** Ask for one revision on the way to the target. */
  revise?: boolean;
  /** Who cancels, for target CANCELLED. */
  cancelBy?: 'buyer' | 'seller';
  review?: { rating: number; communication?: number; serviceAsDescribed?: number; recommend?: number; comment: string; response?: string };
  message?: string;
  /** Once at the target, once ever: the seller asks for more time, or the buyer asks to cancel. */
  request?: 'extension' | 'cancellation';
}

const SCENARIOS: Scenario[] = [
  // The first seller: the busiest track record.
  {
    key: 'lena-1',
    buyer: 0,
    seller: 0,
    gig: 0,
    tier: 'BASIC',
    target: 'COMPLETED',
    message: 'Hi! The logo is for a small bakery in Porto.',
    review: {
      rating: 5,
      communication: 5,
      serviceAsDescribed: 5,
      recommend: 5,
      comment: 'Wonderful logo, exactly the warm and simple look we wanted.',
      response: 'Thank you Ana, it was a joy to work on your bakery!',
    },
  },
  {
    key: 'lena-2',
    buyer: 1,
    seller: 0,
    gig: 0,
    tier: 'STANDARD',
    target: 'COMPLETED',
    revise: true,
    review: { rating: 5, communication: 5, comment: 'Quick revision and great communication throughout.' },
  },
  {
    key: 'lena-3',
    buyer: 2,
    seller: 0,
    gig: 1,
    tier: 'STANDARD',
    target: 'COMPLETED',
    review: {
      rating: 5,
      serviceAsDescribed: 5,
      comment: 'The style guide is thorough and easy to follow for our team.',
      response: 'Glad it helps your team, thanks Kim!',
    },
  },
  {
    key: 'lena-4',
    buyer: 0,
    seller: 0,
    gig: 2,
    tier: 'BASIC',
    target: 'COMPLETED',
    review: { rating: 4, comment: 'Nice business cards, print-ready as promised.' },
  },
  {
    key: 'lena-5',
    buyer: 1,
    seller: 0,
    gig: 3,
    tier: 'PREMIUM',
    target: 'COMPLETED',
    review: { rating: 5, recommend: 5, comment: 'Our old logo finally looks modern without losing its character.' },
  },
  { key: 'lena-6', buyer: 2, seller: 0, gig: 4, tier: 'BASIC', target: 'COMPLETED' },
  // Four more make ten completed orders, enough (with her ratings, on-time deliveries, earnings and
  // a backdated seller start, see LEVEL_ONE_SELLER) for LEVEL_ONE.
  {
    key: 'lena-7',
    buyer: 0,
    seller: 0,
    gig: 0,
    tier: 'STANDARD',
    target: 'COMPLETED',
    review: { rating: 5, comment: 'Second logo with Lena, just as good as the first.' },
  },
  {
    key: 'lena-8',
    buyer: 1,
    seller: 0,
    gig: 1,
    tier: 'STANDARD',
    target: 'COMPLETED',
    review: { rating: 5, communication: 5, comment: 'Clear guide, delivered early, lovely to work with.' },
  },
  {
    key: 'lena-9',
    buyer: 2,
    seller: 0,
    gig: 3,
    tier: 'STANDARD',
    target: 'COMPLETED',
    review: { rating: 5, comment: 'Modernised our logo without losing what people knew.' },
  },
  {
    key: 'lena-10',
    buyer: 0,
    seller: 0,
    gig: 4,
    tier: 'STANDARD',
    target: 'COMPLETED',
    review: { rating: 5, recommend: 5, comment: 'Beautiful labels, the printer had no questions at all.' },
  },
  // The second seller: a few reviews, mixed.
  {
    key: 'marco-1',
    buyer: 0,
    seller: 1,
    gig: 0,
    tier: 'STANDARD',
    target: 'COMPLETED',
    review: {
      rating: 5,
      communication: 4,
      comment: 'Fast, clean code and a helpful handover call.',
      response: 'Thanks, happy to help again any time.',
    },
  },
  {
    key: 'marco-2',
    buyer: 1,
    seller: 1,
    gig: 1,
    tier: 'BASIC',
    target: 'COMPLETED',
    revise: true,
    review: { rating: 4, comment: 'Good work, needed one round of fixes.' },
  },
  {
    key: 'marco-3',
    buyer: 2,
    seller: 1,
    gig: 2,
    tier: 'BASIC',
    target: 'COMPLETED',
    review: {
      rating: 3,
      communication: 3,
      comment: 'Did the job, but replies were slow at times.',
      response: 'Sorry about the slow replies, I was travelling that week.',
    },
  },
  // The third seller: two reviews.
  {
    key: 'third-1',
    buyer: 0,
    seller: 2,
    gig: 0,
    tier: 'BASIC',
    target: 'COMPLETED',
    review: { rating: 4, comment: 'Solid result, delivered on time.' },
  },
  {
    key: 'third-2',
    buyer: 1,
    seller: 2,
    gig: 1,
    tier: 'PREMIUM',
    target: 'COMPLETED',
    review: { rating: 5, comment: 'Went above and beyond what the package promised.' },
  },
  // The fourth seller: one completed order, not reviewed yet.
  { key: 'fourth-1', buyer: 2, seller: 3, gig: 0, tier: 'BASIC', target: 'COMPLETED' },
  // One order in every other state.
  { key: 'open-awaiting', buyer: 0, seller: 4, gig: 0, tier: 'BASIC', target: 'AWAITING_REQUIREMENTS' },
  {
    key: 'open-in-progress',
    buyer: 1,
    seller: 4,
    gig: 1,
    tier: 'STANDARD',
    target: 'IN_PROGRESS',
    message: 'Looking forward to the first draft!',
  },
  { key: 'open-delivered', buyer: 2, seller: 5, gig: 0, tier: 'BASIC', target: 'DELIVERED' },
  { key: 'open-in-revision', buyer: 0, seller: 5, gig: 1, tier: 'STANDARD', target: 'IN_REVISION' },
  { key: 'cancelled-by-buyer', buyer: 1, seller: 6, gig: 0, tier: 'BASIC', target: 'CANCELLED', cancelBy: 'buyer' },
  { key: 'cancelled-by-seller', buyer: 2, seller: 6, gig: 1, tier: 'BASIC', target: 'CANCELLED', cancelBy: 'seller' },
  // The order flows of orders.resolution.graphql: an extension pending, a cancellation requested, a dispute.
  { key: 'open-extension', buyer: 0, seller: 6, gig: 0, tier: 'BASIC', target: 'IN_PROGRESS', request: 'extension' },
  { key: 'open-cancellation-request', buyer: 1, seller: 5, gig: 1, tier: 'STANDARD', target: 'IN_PROGRESS', request: 'cancellation' },
  { key: 'open-disputed', buyer: 2, seller: 4, gig: 1, tier: 'STANDARD', target: 'DISPUTED' },
];

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

/**
 * A GraphQL call that waits out the gateway's rate limit (429 + Retry-After) instead of failing:
 * the demo seed makes a few hundred requests from one address.
 */
async function call<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    if (response.status === 429 && attempt < 10) {
      const seconds = Number(response.headers.get('retry-after') ?? '5');
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 5) * 1000 + 100));
      continue;
    }
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    if (body.errors?.length)
      throw new Error(`GraphQL error: ${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'})`).join('; ')}`);
    if (!body.data) throw new Error(`${url} answered ${response.status} without data`);
    return body.data;
  }
}

function check(what: string, errors: UserError[]): void {
  if (errors.length) throw new Error(`${what}: ${errors.map((e) => `${e.field?.join('.') ?? '-'}: ${e.message}`).join('; ')}`);
}

interface AuthPayload {
  session: { accessToken: string } | null;
  user: { id: string } | null;
  userErrors: UserError[];
}

export async function buyerSession(url: string, buyer: DemoBuyer): Promise<{ id: string; token: string }> {
  const fields = 'session { accessToken } user { id } userErrors { field message code }';
  const up = await call<{ signUp: AuthPayload }>(url, `mutation ($input: SignUpInput!) { signUp(input: $input) { ${fields} } }`, {
    input: { email: demoEmail(buyer.username), password: DEMO_PASSWORD, username: buyer.username, displayName: buyer.displayName },
  });
  if (up.signUp.session && up.signUp.user) return { id: up.signUp.user.id, token: up.signUp.session.accessToken };
  if (!up.signUp.userErrors.some((e) => e.code === 'TAKEN')) check(`signUp ${buyer.username}`, up.signUp.userErrors);
  const login = await call<{ logIn: AuthPayload }>(url, `mutation ($input: LogInInput!) { logIn(input: $input) { ${fields} } }`, {
    input: { login: buyer.username, password: DEMO_PASSWORD },
  });
  check(`logIn ${buyer.username}`, login.logIn.userErrors);
  return { id: login.logIn.user!.id, token: login.logIn.session!.accessToken };
}

interface OrderState {
  id: string;
  status: Status;
  revisionsUsed: number;
  revisionsRemaining: number | null;
  review: { id: string; sellerResponse: string | null } | null;
  extensionRequests: Array<{ status: string }>;
  cancellationRequests: Array<{ status: string }>;
}

const STATE =
  'id status revisionsUsed revisionsRemaining review { id sellerResponse } extensionRequests { status } cancellationRequests { status }';

async function mutate(url: string, name: string, inputType: string, input: Record<string, unknown>, token: string): Promise<OrderState> {
  const data = await call<Record<string, { order: OrderState | null; userErrors: UserError[] }>>(
    url,
    `mutation ($input: ${inputType}!) { ${name}(input: $input) { order { ${STATE} } userErrors { field message code } } }`,
    { input },
    token,
  );
  const payload = data[name]!;
  check(name, payload.userErrors);
  return payload.order!;
}

/** Moves an order one step towards the scenario's target; returns null once it is there. */
async function step(
  url: string,
  order: OrderState,
  scenario: Scenario,
  gig: SeededGig,
  buyer: string,
  seller: string,
): Promise<OrderState | null> {
  const id = order.id;
  if (order.status === scenario.target) return null;
  switch (order.status) {
    case 'AWAITING_REQUIREMENTS':
      if (scenario.target === 'CANCELLED') {
        return mutate(
          url,
          'cancelOrder',
          'CancelOrderInput',
          { orderId: id, reason: 'Ordered the wrong package by mistake.' },
          scenario.cancelBy === 'seller' ? seller : buyer,
        );
      }
      return mutate(
        url,
        'submitRequirements',
        'SubmitRequirementsInput',
        {
          orderId: id,
          answers: gig.requirements.map((r) => ({
            requirementId: r.id,
            answer: r.required
              ? 'A small business that wants a fresh, friendly look; details in the brief I will send in messages.'
              : 'https://example.com/brand-assets',
          })),
        },
        buyer,
      );
    case 'IN_PROGRESS':
      if (scenario.target === 'CANCELLED') {
        return mutate(
          url,
          'cancelOrder',
          'CancelOrderInput',
          { orderId: id, reason: 'I cannot take this order on after all, sorry.' },
          seller,
        );
      }
      return mutate(
        url,
        'deliverOrder',
        'DeliverOrderInput',
        {
          orderId: id,
          message: 'Here is the delivery, enjoy!',
          // The first delivery of each demo order carries a file uploaded through the API.
          fileIds: [
            await uploadFile(url, seller, {
              purpose: 'DELIVERY',
              name: 'delivery-notes.txt',
              contentType: 'text/plain',
              bytes: Buffer.from(`Delivery for "${gig.title}"\n\nThe final files and a short guide to using them.\n`),
            }),
          ],
        },
        seller,
      );
    case 'IN_REVISION':
      return mutate(
        url,
        'deliverOrder',
        'DeliverOrderInput',
        { orderId: id, message: 'Revised as asked.', attachments: ['https://files.gigmart.example/demo/delivery-2.zip'] },
        seller,
      );
    case 'DELIVERED':
      if (scenario.target === 'DISPUTED') {
        return mutate(
          url,
          'openDispute',
          'OpenDisputeInput',
          { orderId: id, reason: 'The files delivered are not the ones the package describes.' },
          buyer,
        );
      }
      if ((scenario.target === 'IN_REVISION' || scenario.revise) && order.revisionsUsed === 0 && order.revisionsRemaining !== 0) {
        return mutate(
          url,
          'requestRevision',
          'RequestRevisionInput',
          { orderId: id, message: 'Close! Could you make it a little bolder?' },
          buyer,
        );
      }
      return mutate(url, 'acceptDelivery', 'OrderIdInput', { orderId: id }, buyer);
    default:
      throw new Error(`demo order ${scenario.key} is ${order.status} and cannot reach ${scenario.target}`);
  }
}

export interface DemoOrdersSummary {
  orders: number;
  reviews: number;
}

/**
 * Moves a seller's start date back. Levels need 60+ days as a seller, which fresh demo accounts
 * can't have through the API: `npm start` and `npm run seed` do it with the users service's admin
 * command (see `adminCommandBackdater`); without it every demo seller stays NEW.
 */
export type BackdateSeller = (username: string, since: Date) => Promise<void>;

/** The demo seller whose track record reaches LEVEL_ONE, and how long ago they "started". */
export const LEVEL_ONE_SELLER = { index: 0, daysAgo: 120 };

export async function seedDemoOrders(
  gatewayUrl: string,
  world: DemoWorld,
  log: SeedLog = console.log,
  options: { backdateSeller?: BackdateSeller } = {},
): Promise<DemoOrdersSummary> {
  log('Seeding demo orders and reviews');
  const buyers = await Promise.all(DEMO_BUYERS.map((buyer) => buyerSession(gatewayUrl, buyer)));
  const gigsOf = (seller: SeededSeller) => world.gigs.filter((g) => g.sellerId === seller.id && g.status === 'ACTIVE');
  let orders = 0;
  let reviews = 0;
  // Each order's steps run in sequence; the orders themselves run side by side (the seed also
  // runs on every first `npm start`, so it should not take long).
  const run = async (scenario: Scenario): Promise<void> => {
    const seller = world.sellers[scenario.seller % world.sellers.length];
    const gigs = seller ? gigsOf(seller) : [];
    const gig = gigs[scenario.gig % Math.max(1, gigs.length)];
    if (!seller || !gig) return;
    const buyer = buyers[scenario.buyer % buyers.length]!;
    let order = await mutate(
      gatewayUrl,
      'placeOrder',
      'PlaceOrderInput',
      { gigId: gig.id, tier: scenario.tier, idempotencyKey: `demo:${scenario.key}` },
      buyer.token,
    );
    orders += 1;
    if (scenario.message && order.status === 'AWAITING_REQUIREMENTS') {
      await mutate(gatewayUrl, 'sendOrderMessage', 'SendOrderMessageInput', { orderId: order.id, body: scenario.message }, buyer.token);
    }
    for (let guard = 0; guard < 10; guard += 1) {
      const next = await step(gatewayUrl, order, scenario, gig, buyer.token, seller.accessToken);
      if (!next) break;
      order = next;
    }
    if (scenario.request === 'extension' && order.status === scenario.target && order.extensionRequests.length === 0) {
      const input = { orderId: order.id, days: 2, reason: 'The brief grew after our first call: two more days, please.' };
      order = await mutate(gatewayUrl, 'requestExtension', 'RequestExtensionInput', input, seller.accessToken);
    }
    if (scenario.request === 'cancellation' && order.status === scenario.target && order.cancellationRequests.length === 0) {
      const input = { orderId: order.id, reason: 'Our plans changed; could we cancel this one?' };
      order = await mutate(gatewayUrl, 'requestCancellation', 'RequestCancellationInput', input, buyer.token);
    }
    if (scenario.review && order.status === 'COMPLETED') {
      let review = order.review;
      if (!review) {
        const { response: _response, ...input } = scenario.review;
        const data = await call<{ leaveReview: { review: { id: string; sellerResponse: string | null } | null; userErrors: UserError[] } }>(
          gatewayUrl,
          'mutation ($input: LeaveReviewInput!) { leaveReview(input: $input) { review { id sellerResponse } userErrors { field message code } } }',
          { input: { orderId: order.id, ...input } },
          buyer.token,
        );
        check(`leaveReview ${scenario.key}`, data.leaveReview.userErrors);
        review = data.leaveReview.review!;
      }
      reviews += 1;
      if (scenario.review.response && !review.sellerResponse) {
        const data = await call<{ respondToReview: { userErrors: UserError[] } }>(
          gatewayUrl,
          'mutation ($input: RespondToReviewInput!) { respondToReview(input: $input) { review { id } userErrors { field message code } } }',
          { input: { reviewId: review.id, response: scenario.review.response } },
          seller.accessToken,
        );
        check(`respondToReview ${scenario.key}`, data.respondToReview.userErrors);
      }
    }
  };
  await Promise.all(SCENARIOS.map(run));
  const veteran = world.sellers[LEVEL_ONE_SELLER.index];
  if (veteran && options.backdateSeller) {
    await options.backdateSeller(veteran.username, new Date(Date.now() - LEVEL_ONE_SELLER.daysAgo * 24 * 60 * 60 * 1000));
    log(`  ${veteran.username} has been selling for ${LEVEL_ONE_SELLER.daysAgo} days (demo data): LEVEL_ONE`);
  }
  log(
    `  ${orders} demo orders (${reviews} reviewed) by ${buyers.length} buyers; buyers log in as ${DEMO_BUYERS.map((b) => b.username).join(', ')}`,
  );
  return { orders, reviews };
}

import { MAIL_RECIPIENTS_ROUTE, newId, parseInput, UserErrorsException, type MailRecipientsResponse, type Role } from '@gigmart/shared';
import {
  createTestTokenIssuer,
  graphqlClient,
  memberIdsRequest,
  startFakeMemberDirectory,
  TEST_SERVICE_TOKEN,
  TestClock,
  testServiceOptions,
  type FakeService,
  type Gql,
  type GraphQLResponse,
} from '@gigmart/shared/testing';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { startInboxService, type InboxServiceOptions, type StartedInboxService } from '../src/app.js';

/**
 * The inbox service alone, over real HTTP on the run's real database. The users service is stood
 * in for by a fake of its internal members route (shared/src/internal/members.ts) answering for the
 * members `member()` made (and of its mail recipients route: `<username>@example.test`), and tokens come from a test key pair; the end-to-end test uses the real
 * users service.
 */

/** Where the harness clock stands until a test moves it. */
export const HARNESS_START = '2026-06-01T10:00:00.000Z';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A signed-in member: send their token with `gql(query, variables, { token })`. */
export interface TestMember {
  id: string;
  token: string;
}

export interface UserErrorView {
  field: string[] | null;
  message: string;
  code: string;
}

export interface InboxHarness {
  url: string;
  service: StartedInboxService;
  /** `gql(query, variables, { token })` against the service's /graphql. */
  gql: Gql;
  /** The service's clock: stands at HARNESS_START until a test moves it. */
  clock: TestClock;
  /** The users service's members route, answered from `member()`'s members. */
  users: FakeService;
  member(options?: { seller?: boolean }): Promise<TestMember>;
  /** A member the token issuer signs for but the users service does not know (deleted). */
  ghost(): Promise<TestMember>;
  /** sendMessage as it came back: the payload (null when the request failed) and the errors. */
  attemptSend(
    from: TestMember,
    input: Record<string, unknown>,
  ): Promise<{ payload: SendPayloadView | null; errors: GraphQLResponse['errors'] }>;
  /** sendMessage expecting success: the message and its conversation. */
  send(
    from: TestMember,
    to: TestMember | string,
    body?: string,
    extra?: Record<string, unknown>,
  ): Promise<{ message: MessageView; conversation: ConversationView }>;
  stop(): Promise<void>;
}

export async function startInboxHarness(name: string, overrides: Partial<InboxServiceOptions> = {}): Promise<InboxHarness> {
  const issuer = await createTestTokenIssuer();
  const clock = new TestClock(HARNESS_START);
  const users = await startFakeMemberDirectory({
    serviceToken: TEST_SERVICE_TOKEN,
    routes: (known) => ({
      // The mailer's look-up: every member's address is <username>@example.test.
      [`POST ${MAIL_RECIPIENTS_ROUTE}`]: (body): MailRecipientsResponse => ({
        recipients: memberIdsRequest
          .parse(body)
          .ids.flatMap((id) => known.get(id) ?? [])
          .map((m) => ({ id: m.id, email: `${m.username}@example.test`, displayName: `Member ${m.username}` })),
      }),
    }),
  });
  const { members } = users;
  const options = testServiceOptions(name, { verifyAccessToken: issuer.verify, clock: clock.now });
  const service = await startInboxService({ ...options, urls: { ...options.urls, users: users.url }, cleanupIntervalMs: 0, ...overrides });
  const gql = graphqlClient(`${service.url}/graphql`);
  const attemptSend: InboxHarness['attemptSend'] = async (from, input) => {
    const res = await gql<{ sendMessage: SendPayloadView }>(SEND, { input }, { token: from.token });
    return { payload: res.data?.sendMessage ?? null, errors: res.errors };
  };
  return {
    url: service.url,
    service,
    gql,
    clock,
    users,
    async member(options = {}) {
      const id = newId().toHexString();
      const seller = options.seller ?? false;
      const roles: Role[] = seller ? ['BUYER', 'SELLER'] : ['BUYER'];
      members.set(id, {
        id,
        username: `m_${id.slice(-8)}`,
        roles,
        isSeller: seller,
        sellerSince: seller ? clock.now().toISOString() : null,
      });
      return { id, token: await issuer.issue(id, roles) };
    },
    async ghost() {
      const id = newId().toHexString();
      return { id, token: await issuer.issue(id) };
    },
    attemptSend,
    async send(from, to, body = 'Hello there!', extra = {}) {
      const { payload, errors } = await attemptSend(from, { recipientId: typeof to === 'string' ? to : to.id, body, ...extra });
      if (errors) throw new Error(JSON.stringify(errors));
      if (!payload?.message || !payload.conversation || payload.userErrors.length) throw new Error(JSON.stringify(payload?.userErrors));
      return { message: payload.message, conversation: payload.conversation };
    },
    async stop() {
      await service.stop();
      await users.stop();
    },
  };
}

/**
 * Records the database operations a block makes on a connection (mongoose's debug hook, which sees
 * every command a model sends), so tests can show that a page of N items costs a fixed number.
 */
export async function countQueries<T>(connection: Connection, run: () => Promise<T>): Promise<{ result: T; ops: string[] }> {
  const ops: string[] = [];
  connection.set('debug', (collection: string, method: string) => {
    ops.push(`${collection}.${method}`);
  });
  try {
    return { result: await run(), ops };
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

export const MESSAGE_FIELDS = 'id body sentAt readAt author { id } conversation { id }';
export const CONVERSATION_FIELDS = `id counterpart { id } unreadCount starred archived blocked blockedByViewer updatedAt
  lastMessage { id body author { id } }`;

export interface MessageView {
  id: string;
  body: string;
  sentAt: string;
  readAt: string | null;
  author: { id: string } | null;
  conversation: { id: string };
}

export interface ConversationView {
  id: string;
  counterpart: { id: string } | null;
  unreadCount: number;
  starred: boolean;
  archived: boolean;
  blocked: boolean;
  blockedByViewer: boolean;
  updatedAt: string;
  lastMessage: { id: string; body: string; author: { id: string } | null } | null;
}

export interface SendPayloadView {
  message: MessageView | null;
  conversation: ConversationView | null;
  userErrors: UserErrorView[];
}

export interface ConversationPayloadView {
  conversation: ConversationView | null;
  userErrors: UserErrorView[];
}

export interface ConversationPageView {
  totalCount: number;
  edges: Array<{ cursor: string; node: ConversationView }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

export const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) {
  message { ${MESSAGE_FIELDS} } conversation { ${CONVERSATION_FIELDS} } userErrors { field message code } } }`;
export const MARK_READ = `mutation ($input: ConversationIdInput!) { markConversationRead(input: $input) {
  conversation { ${CONVERSATION_FIELDS} } userErrors { field message code } } }`;
export const UPDATE = `mutation ($input: UpdateConversationInput!) { updateConversation(input: $input) {
  conversation { ${CONVERSATION_FIELDS} } userErrors { field message code } } }`;
export const CONVERSATION = `query ($id: ID!) { conversation(id: $id) { ${CONVERSATION_FIELDS} } }`;
export const CONVERSATION_WITH = `query ($userId: ID!) { conversationWith(userId: $userId) { ${CONVERSATION_FIELDS} } }`;
export const CONVERSATIONS = `query ($filter: ConversationFilter, $first: Int, $after: String) { conversations(filter: $filter, first: $first, after: $after) {
  totalCount edges { cursor node { ${CONVERSATION_FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
export const MESSAGES = `query ($id: ID!, $first: Int, $after: String) { conversation(id: $id) { messages(first: $first, after: $after) {
  totalCount edges { cursor node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
export const COUNTS = '{ inboxCounts { unreadConversations } }';

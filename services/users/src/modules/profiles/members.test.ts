import {
  createMemberDirectory,
  fetchMailRecipients,
  MAIL_RECIPIENTS_ROUTE,
  MEMBERS_ROUTE,
  SERVICE_TOKEN_HEADER,
  type MembersResponse,
} from '@gigmart/shared';
import { TEST_SERVICE_TOKEN } from '@gigmart/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpMember, startTestUsers, type TestUsers } from '../../../test/harness.js';

async function postMembers(users: TestUsers, body: unknown, token?: string) {
  return fetch(new URL(MEMBERS_ROUTE, users.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [SERVICE_TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify(body),
  });
}

describe('POST /internal/members', () => {
  let users: TestUsers;
  beforeAll(async () => {
    users = await startTestUsers();
  });
  afterAll(() => users?.stop());

  it('refuses callers without the service credential, or with a wrong one', async () => {
    expect((await postMembers(users, { ids: [] })).status).toBe(401);
    expect((await postMembers(users, { ids: [] }, 'x'.repeat(TEST_SERVICE_TOKEN.length))).status).toBe(401);
  });

  it('rejects a malformed body with 400', async () => {
    expect((await postMembers(users, { ids: 'nope' }, TEST_SERVICE_TOKEN)).status).toBe(400);
    expect((await postMembers(users, { ids: Array.from({ length: 501 }, () => 'a') }, TEST_SERVICE_TOKEN)).status).toBe(400);
  });

  it('answers members by id, leaving out unknown and malformed ids, and sees a new seller at once', async () => {
    const buyer = await signUpMember(users);
    const seller = await signUpMember(users);
    const become = await users.gql<{ becomeSeller: { user: { isSeller: boolean; sellerProfile: { sellerSince: string } } } }>(
      `mutation { becomeSeller(input: { headline: "Logos people remember", skills: ["logo design"], languages: [{ code: "en", level: FLUENT }] }) {
        user { isSeller sellerProfile { sellerSince } } userErrors { code } } }`,
      {},
      { token: seller.session.accessToken },
    );
    expect(become.errors).toBeUndefined();
    expect(become.data?.becomeSeller.user).toBeTruthy();
    const sellerSince = become.data!.becomeSeller.user.sellerProfile.sellerSince;

    const res = await postMembers(users, { ids: [buyer.id, seller.id, 'nope', '0123456789abcdef01234567', buyer.id] }, TEST_SERVICE_TOKEN);
    expect(res.status).toBe(200);
    const body = (await res.json()) as MembersResponse;
    const byId = new Map(body.members.map((m) => [m.id, m]));
    expect(body.members).toHaveLength(2);
    expect(byId.get(buyer.id)).toEqual({ id: buyer.id, username: buyer.username, roles: ['BUYER'], isSeller: false, sellerSince: null });
    expect(byId.get(seller.id)).toEqual({
      id: seller.id,
      username: seller.username,
      roles: ['BUYER', 'SELLER'],
      isSeller: true,
      sellerSince,
    });
  });

  it('works with the shared member directory the other services use', async () => {
    const member = await signUpMember(users);
    const directory = createMemberDirectory({ usersUrl: users.url, serviceToken: TEST_SERVICE_TOKEN, ttlMs: 0 });
    const [found, unknown] = await Promise.all([directory.get(member.id), directory.get('0123456789abcdef01234567')]);
    expect(found).toMatchObject({ id: member.id, isSeller: false });
    expect(unknown).toBeNull();
  });
});

describe('POST /internal/mail-recipients', () => {
  let users: TestUsers;
  beforeAll(async () => {
    users = await startTestUsers();
  });
  afterAll(() => users?.stop());

  const post = (body: unknown, token?: string) =>
    fetch(new URL(MAIL_RECIPIENTS_ROUTE, users.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [SERVICE_TOKEN_HEADER]: token } : {}) },
      body: JSON.stringify(body),
    });

  it('answers only callers with the service credential, and a well-formed body', async () => {
    expect((await post({ ids: ['0123456789abcdef01234567'] })).status).toBe(401);
    expect((await post({ ids: [] }, TEST_SERVICE_TOKEN)).status).toBe(400);
    expect((await post({ ids: Array.from({ length: 101 }, () => 'a') }, TEST_SERVICE_TOKEN)).status).toBe(400);
  });

  it("answers members' addresses and names, leaving out unknown ids, for the shared client the inbox uses", async () => {
    const member = await signUpMember(users);
    const found = await fetchMailRecipients(users.url, [member.id, '0123456789abcdef01234567', 'nope'], {
      serviceToken: TEST_SERVICE_TOKEN,
    });
    expect(found).toEqual([{ id: member.id, email: member.email, displayName: member.displayName }]);
  });
});

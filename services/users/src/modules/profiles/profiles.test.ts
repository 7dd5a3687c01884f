import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOG_IN, signUpMember, startTestUsers, uniqueMember, type AuthPayload, type TestUsers } from '../../../test/harness.js';
import type { UserDoc } from './model.js';
import { becomeSeller, setAdmin, updateProfile } from './service.js';

const PROFILE =
  'id username displayName avatarUrl bio country languages { code level } skills isSeller sellerProfile { headline sellerSince } memberSince email roles';
const BECOME_SELLER = `mutation ($input: BecomeSellerInput!) { becomeSeller(input: $input) { user { ${PROFILE} } userErrors { field code } } }`;
const UPDATE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { user { ${PROFILE} } userErrors { field code message } } }`;

interface Profile {
  id: string;
  username: string;
  email: string | null;
  roles: string[];
  isSeller: boolean;
  sellerProfile: { headline: string; sellerSince: string } | null;
  skills: string[];
  languages: Array<{ code: string; level: string }>;
  [key: string]: unknown;
}

describe('profiles', () => {
  let users: TestUsers;
  beforeAll(async () => {
    users = await startTestUsers();
  });
  afterAll(() => users?.stop());

  describe('privacy of email and roles', () => {
    it('the member sees their own; other members and anonymous callers get null and []', async () => {
      const alice = await signUpMember(users);
      const bob = await signUpMember(users);
      const query = `query ($id: ID!, $name: String!) { me { ${PROFILE} } user(id: $id) { ${PROFILE} } userByUsername(username: $name) { ${PROFILE} } }`;
      const vars = { id: alice.id, name: alice.username.toUpperCase() };

      const own = await users.gql<{ me: Profile; user: Profile; userByUsername: Profile }>(query, vars, {
        token: alice.session.accessToken,
      });
      expect(own.errors).toBeUndefined();
      for (const view of [own.data!.me, own.data!.user, own.data!.userByUsername]) {
        expect(view).toMatchObject({ id: alice.id, email: alice.email, roles: ['BUYER'] });
      }

      const other = await users.gql<{ me: Profile; user: Profile; userByUsername: Profile }>(query, vars, {
        token: bob.session.accessToken,
      });
      expect(other.data!.me).toMatchObject({ id: bob.id, email: bob.email });
      for (const view of [other.data!.user, other.data!.userByUsername]) {
        expect(view).toMatchObject({ id: alice.id, username: alice.username, email: null, roles: [] });
      }

      const anonymous = await users.gql<{ me: null; user: Profile; userByUsername: Profile }>(query, vars);
      expect(anonymous.data!.me).toBeNull();
      expect(anonymous.data!.user).toMatchObject({ email: null, roles: [] });
      expect(anonymous.data!.userByUsername).toMatchObject({ email: null, roles: [] });
    });

    it('admins see everyone’s; ADMIN comes only from the admin command', async () => {
      const member = await signUpMember(users);
      const admin = await signUpMember(users);
      expect(await setAdmin(users.service.context(), { username: admin.username.toUpperCase(), admin: true })).toMatchObject({
        roles: ['BUYER', 'ADMIN'],
      });
      // The role is in tokens issued from now on.
      const login = await users.gql<{ logIn: AuthPayload }>(LOG_IN, { input: { login: admin.username, password: admin.password } });
      const token = login.data!.logIn.session!.accessToken;
      const res = await users.gql<{ user: Profile }>(`query ($id: ID!) { user(id: $id) { email roles } }`, { id: member.id }, { token });
      expect(res.data!.user).toEqual({ email: member.email, roles: ['BUYER'] });
      expect(await setAdmin(users.service.context(), { username: admin.username, admin: false })).toMatchObject({ roles: ['BUYER'] });
      expect(await setAdmin(users.service.context(), { username: 'no_such_member', admin: true })).toBeNull();
    });

    it('holds for federated references too', async () => {
      const alice = await signUpMember(users);
      const bob = await signUpMember(users);
      const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email roles } } }`;
      const r = [{ __typename: 'User', id: alice.id }];
      const asBob = await users.gql<{ _entities: Profile[] }>(query, { r }, { token: bob.session.accessToken });
      expect(asBob.data!._entities).toEqual([{ id: alice.id, email: null, roles: [] }]);
      const asAlice = await users.gql<{ _entities: Profile[] }>(query, { r }, { token: alice.session.accessToken });
      expect(asAlice.data!._entities).toEqual([{ id: alice.id, email: alice.email, roles: ['BUYER'] }]);
    });
  });

  describe('a validly signed token for a member who does not exist', () => {
    it('is UNAUTHENTICATED for every mutation that acts for a member; me is null', async () => {
      const ghost = randomBytes(12).toString('hex');
      const { token } = users.service
        .context()
        .signAccessToken({ userId: ghost, roles: ['BUYER', 'SELLER', 'ADMIN'], sessionId: randomBytes(12).toString('hex') }, new Date());
      const acting: Array<[string, string, Record<string, unknown>]> = [
        ['updateProfile', UPDATE, { input: { bio: 'Hello' } }],
        [
          'becomeSeller',
          BECOME_SELLER,
          { input: { headline: 'I design logos people remember', skills: ['logo design'], languages: [{ code: 'en', level: 'FLUENT' }] } },
        ],
        [
          'changePassword',
          'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { user { id } userErrors { field code } } }',
          { input: { currentPassword: 'correct horse battery', newPassword: 'a brand new password' } },
        ],
      ];
      for (const [name, mutation, variables] of acting) {
        const res = await users.gql(mutation, variables, { token });
        expect(
          res.errors?.map((e) => [e.extensions?.['code'], e.message]),
          name,
        ).toEqual([['UNAUTHENTICATED', 'Your account no longer exists.']]);
        expect(res.data, name).toBeNull();
      }
      const me = await users.gql<{ me: null }>('{ me { id } }', {}, { token });
      expect(me.errors).toBeUndefined();
      expect(me.data).toEqual({ me: null });
      expect(await users.service.models.User.countDocuments({ _id: ghost })).toBe(0);
    });

    it('sees no private fields with an ADMIN claim: admin rights are the stored member’s', async () => {
      const alice = await signUpMember(users);
      const ghost = randomBytes(12).toString('hex');
      const { token } = users.service
        .context()
        .signAccessToken({ userId: ghost, roles: ['BUYER', 'ADMIN'], sessionId: randomBytes(12).toString('hex') }, new Date());
      const res = await users.gql<{ user: { email: string | null; roles: string[] } }>(
        `query ($id: ID!) { user(id: $id) { email roles } }`,
        { id: alice.id },
        { token },
      );
      expect(res.data!.user).toEqual({ email: null, roles: [] });

      // So too an admin whose rights were revoked a moment ago, with the token from before.
      const admin = await signUpMember(users);
      await setAdmin(users.service.context(), { username: admin.username, admin: true });
      const adminToken = (await users.gql<{ logIn: AuthPayload }>(LOG_IN, { input: { login: admin.username, password: admin.password } }))
        .data!.logIn.session!.accessToken;
      const query = `query ($id: ID!) { user(id: $id) { email } }`;
      expect((await users.gql<{ user: { email: string | null } }>(query, { id: alice.id }, { token: adminToken })).data!.user.email).toBe(
        alice.email,
      );
      await setAdmin(users.service.context(), { username: admin.username, admin: false });
      expect(
        (await users.gql<{ user: { email: string | null } }>(query, { id: alice.id }, { token: adminToken })).data!.user.email,
      ).toBeNull();
    });

    it('is UNAUTHENTICATED, not a user error, when the account goes while the request runs', async () => {
      const ghost = randomBytes(12).toString('hex');
      const base = users.service.context();
      const ctx = { ...base, viewer: { id: ghost, roles: ['BUYER' as const], tokenId: 't' } };
      // The request found the member a moment ago (its DataLoader holds them); the update finds nobody.
      const gone = { _id: ghost, username: 'gone', roles: ['BUYER'] } as unknown as UserDoc;
      for (const run of [
        () => updateProfile({ ...ctx, users: ctx.users.clear(ghost).prime(ghost, gone) }, { bio: 'Hello' }),
        () =>
          becomeSeller(
            { ...ctx, users: ctx.users.clear(ghost).prime(ghost, gone) },
            { headline: 'I design logos people remember', skills: ['logo design'], languages: [{ code: 'en', level: 'FLUENT' }] },
          ),
      ]) {
        await expect(run()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      }
    });
  });

  it('unknown and malformed ids and names are null, not errors', async () => {
    const res = await users.gql(
      `{ a: user(id: "nope") { id } b: user(id: "0123456789abcdef01234567") { id } c: userByUsername(username: "nobody_x") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: null, b: null, c: null });
  });

  it('resolves a batch of 50 references with one users query', async () => {
    const members = await Promise.all(Array.from({ length: 5 }, () => signUpMember(users)));
    const representations = Array.from({ length: 50 }, (_, i) => ({ __typename: 'User', id: members[i % 5]!.id }));
    representations.push({ __typename: 'User', id: 'not-an-id' });
    const find = vi.spyOn(users.service.models.User, 'find');
    try {
      const res = await users.gql<{ _entities: Array<{ id: string; username: string } | null> }>(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username isSeller } } }`,
        { r: representations },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toHaveLength(51);
      expect(res.data!._entities.slice(0, 5).map((u) => u!.id)).toEqual(members.map((m) => m.id));
      expect(res.data!._entities[50]).toBeNull();
      expect(find).toHaveBeenCalledTimes(1);
    } finally {
      find.mockRestore();
    }
  });

  describe('becomeSeller', () => {
    it('adds SELLER and a seller profile; a second call updates it and keeps sellerSince', async () => {
      const member = await signUpMember(users);
      const token = member.session.accessToken;
      const first = await users.gql<{ becomeSeller: { user: Profile; userErrors: unknown[] } }>(
        BECOME_SELLER,
        {
          input: {
            headline: 'I design logos people remember',
            skills: ['Logo design', 'Branding'],
            languages: [{ code: 'EN', level: 'FLUENT' }],
          },
        },
        { token },
      );
      expect(first.data!.becomeSeller.userErrors).toEqual([]);
      const sellerSince = first.data!.becomeSeller.user.sellerProfile!.sellerSince;
      expect(new Date(sellerSince).toISOString()).toBe(sellerSince);
      expect(first.data!.becomeSeller.user).toMatchObject({
        isSeller: true,
        roles: ['BUYER', 'SELLER'],
        sellerProfile: { headline: 'I design logos people remember', sellerSince },
        skills: ['Logo design', 'Branding'],
        languages: [{ code: 'en', level: 'FLUENT' }],
      });

      users.clock.advance(60 * 60_000);
      const second = await users.gql<{ becomeSeller: { user: Profile } }>(
        BECOME_SELLER,
        { input: { headline: 'Logos and brand identities', skills: ['Branding'], languages: [{ code: 'de', level: 'NATIVE' }] } },
        { token },
      );
      expect(second.data!.becomeSeller.user).toMatchObject({
        roles: ['BUYER', 'SELLER'],
        sellerProfile: { headline: 'Logos and brand identities', sellerSince },
        skills: ['Branding'],
        languages: [{ code: 'de', level: 'NATIVE' }],
      });
    });

    it('validates the application and needs a signed-in member', async () => {
      const member = await signUpMember(users);
      const bad = await users.gql<{ becomeSeller: { user: null; userErrors: Array<{ field: string[]; code: string }> } }>(
        BECOME_SELLER,
        { input: { headline: 'short', skills: ['x'], languages: [{ code: 'xx', level: 'BASIC' }] } },
        { token: member.session.accessToken },
      );
      expect(bad.data!.becomeSeller.user).toBeNull();
      expect(bad.data!.becomeSeller.userErrors).toEqual([
        { field: ['input', 'headline'], code: 'TOO_SHORT' },
        { field: ['input', 'skills', '0'], code: 'TOO_SHORT' },
        { field: ['input', 'languages', '0', 'code'], code: 'INVALID' },
      ]);
      const anonymous = await users.gql(BECOME_SELLER, { input: { headline: 'A long enough headline', skills: ['ab'], languages: [] } });
      expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });
  });

  describe('updateProfile', () => {
    it('updates the given fields, clears with null, leaves the rest', async () => {
      const member = await signUpMember(users);
      const token = member.session.accessToken;
      const res = await users.gql<{ updateProfile: { user: Profile; userErrors: unknown[] } }>(
        UPDATE,
        {
          input: {
            displayName: ' Ada ',
            avatarUrl: 'https://cdn.example.com/ada.png',
            bio: 'Mathematician.',
            country: 'gb',
            languages: [{ code: 'en', level: 'NATIVE' }],
            skills: ['analysis'],
          },
        },
        { token },
      );
      expect(res.data!.updateProfile).toMatchObject({
        userErrors: [],
        user: {
          displayName: 'Ada',
          avatarUrl: 'https://cdn.example.com/ada.png',
          bio: 'Mathematician.',
          country: 'GB',
          skills: ['analysis'],
        },
      });
      const cleared = await users.gql<{ updateProfile: { user: Profile } }>(UPDATE, { input: { bio: null, avatarUrl: null } }, { token });
      expect(cleared.data!.updateProfile.user).toMatchObject({ displayName: 'Ada', bio: null, avatarUrl: null, country: 'GB' });
    });

    it('stores names, bios, headlines and skills as plain text: NFC, no NUL or bidi overrides, markup kept, the bio’s lines kept', async () => {
      const member = await signUpMember(users, { ...uniqueMember('txt'), displayName: '  Zoe\u0301\u0000 <b>Bold</b>\u202E  ' });
      const token = member.session.accessToken;
      const stored = () => users.service.models.User.findById(member.id).lean().exec();
      expect((await stored())!.displayName).toBe('Zoé <b>Bold</b>');

      const res = await users.gql<{ updateProfile: { user: Profile; userErrors: unknown[] } }>(
        UPDATE,
        {
          input: {
            displayName: 'A\u202Eda\u0000 <script>alert(1)</script>',
            bio: '  Line one\r\nLine two\u0000\u202E\n\n<img src=x onerror=alert(1)>\tend\u2066  ',
          },
        },
        { token },
      );
      expect(res.data!.updateProfile.userErrors).toEqual([]);
      expect(await stored()).toMatchObject({
        displayName: 'Ada <script>alert(1)</script>',
        bio: 'Line one\nLine two\n\n<img src=x onerror=alert(1)>\tend',
      });

      // Nothing left once the invisible characters are gone: the bio is cleared, not an empty string.
      await users.gql(UPDATE, { input: { bio: '\u0000\u202E \u200E' } }, { token });
      expect((await stored())!.bio).toBeNull();
      const blankName = await users.gql<{ updateProfile: { userErrors: Array<{ field: string[]; code: string }> } }>(
        UPDATE,
        { input: { displayName: '\u0000\u202E' } },
        { token },
      );
      expect(blankName.data!.updateProfile.userErrors).toEqual([
        { field: ['input', 'displayName'], code: 'TOO_SHORT', message: 'Display name must not be empty.' },
      ]);

      await users.gql(
        BECOME_SELLER,
        {
          input: {
            headline: 'Logos\u0000 that <em>last</em>\u202E',
            skills: ['Logo\u202E design', 'SEO\u0000'],
            languages: [{ code: 'en', level: 'FLUENT' }],
          },
        },
        { token },
      );
      expect(await stored()).toMatchObject({ sellerProfile: { headline: 'Logos that <em>last</em>' }, skills: ['Logo design', 'SEO'] });
    });

    it('refuses avatar URLs a browser would read otherwise: backslashes, credentials, white space, other schemes', async () => {
      const member = await signUpMember(users);
      const token = member.session.accessToken;
      const refused = [
        'https:\\\\evil.example/a.png',
        'https:/\\evil.example/a.png',
        'https://user:pass@cdn.example.com/a.png',
        'https://cdn.example.com@evil.example/a.png',
        'https://@evil.example/a.png',
        'https://cdn.example.com/a b.png',
        'https://cdn.example.com/a.png\u0000',
        'https://cdn.example.com/\u202Egnp.exe',
        'https:evil.example/a.png',
        'javascript:alert(1)',
        'http://cdn.example.com/a.png',
      ];
      for (const avatarUrl of refused) {
        const res = await users.gql<{ updateProfile: { user: null; userErrors: Array<{ field: string[]; code: string }> } }>(
          UPDATE,
          { input: { avatarUrl } },
          { token },
        );
        expect(res.data!.updateProfile, avatarUrl).toMatchObject({
          user: null,
          userErrors: [{ field: ['input', 'avatarUrl'], code: 'INVALID' }],
        });
      }
      const me = await users.gql<{ me: Profile }>(`{ me { avatarUrl } }`, {}, { token });
      expect(me.data!.me.avatarUrl).toBeNull();
      const ok = await users.gql<{ updateProfile: { user: Profile } }>(
        UPDATE,
        { input: { avatarUrl: 'https://cdn.example.com/avatars/a%20b.png?size=256#top' } },
        { token },
      );
      expect(ok.data!.updateProfile.user.avatarUrl).toBe('https://cdn.example.com/avatars/a%20b.png?size=256#top');
    });

    it('reports every broken rule and changes nothing', async () => {
      const member = await signUpMember(users);
      const res = await users.gql<{ updateProfile: { user: null; userErrors: Array<{ field: string[]; code: string }> } }>(
        UPDATE,
        {
          input: {
            avatarUrl: 'http://insecure.example.com/a.png',
            bio: 'x'.repeat(601),
            country: 'ZZ',
            skills: Array.from({ length: 16 }, (_, i) => `skill ${i}`),
          },
        },
        { token: member.session.accessToken },
      );
      expect(res.data!.updateProfile.user).toBeNull();
      expect(res.data!.updateProfile.userErrors.map((e) => [e.field, e.code])).toEqual([
        [['input', 'avatarUrl'], 'INVALID'],
        [['input', 'bio'], 'TOO_LONG'],
        [['input', 'country'], 'INVALID'],
        [['input', 'skills'], 'TOO_LONG'],
      ]);
      const me = await users.gql<{ me: Profile }>(`{ me { ${PROFILE} } }`, {}, { token: member.session.accessToken });
      expect(me.data!.me).toMatchObject({ avatarUrl: null, bio: null, country: null, skills: [] });
    });
  });
});

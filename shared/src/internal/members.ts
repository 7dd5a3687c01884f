import DataLoader from 'dataloader';
import { requireViewer, type Role, type Viewer, type ViewerContext } from '../auth/viewer.js';
import { unauthenticated } from '../errors.js';
import { callInternal } from '../auth/service-token.js';

/**
 * What other services may ask the users service about members, over its internal endpoint
 * `POST {USERS_URL}/internal/members` (service credential required, not reachable through the
 * gateway). Body: `{ "ids": string[] }`; answer: `{ "members": Member[] }` (unknown ids left out).
 *
 * Seller rights are decided from this, not from the access token's `roles` claim: a member who
 * becomes a seller mid-session must be able to create a gig with the token they already hold.
 */
export const MEMBERS_ROUTE = '/internal/members';

export interface Member {
  id: string;
  username: string;
  roles: Role[];
  isSeller: boolean;
  /** ISO-8601, null unless a seller. */
  sellerSince: string | null;
}

export interface MembersRequest {
  ids: string[];
}

export interface MembersResponse {
  members: Member[];
}

export interface MemberDirectory {
  get(id: string): Promise<Member | null>;
  /** Drop a cached answer (tests, or after a change this process knows about). */
  forget(id: string): void;
}

/**
 * Looks members up in batches (all `get`s of one tick become one call) and caches answers for
 * `ttlMs`, briefly, so a burst of requests costs one call while a new seller is recognised
 * within a second.
 */
export function createMemberDirectory(options: { usersUrl: string; serviceToken: string; ttlMs?: number }): MemberDirectory {
  const ttl = options.ttlMs ?? 1000;
  const cache = new Map<string, { value: Member | null; expires: number }>();
  const loader = new DataLoader<string, Member | null>(
    async (ids) => {
      const { members } = await callInternal<MembersResponse>(options.usersUrl, MEMBERS_ROUTE, { ids: [...ids] } satisfies MembersRequest, {
        token: options.serviceToken,
      });
      const byId = new Map(members.map((m) => [m.id, m]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { cache: false, maxBatchSize: 200 },
  );
  return {
    async get(id) {
      const hit = cache.get(id);
      if (hit && hit.expires > Date.now()) return hit.value;
      const value = await loader.load(id);
      cache.set(id, { value, expires: Date.now() + ttl });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
      return value;
    },
    forget(id) {
      cache.delete(id);
    },
  };
}

/**
 * The signed-in member, checked to exist: a validly signed token for a member who is not there
 * (deleted, or from another environment sharing a key) proves nothing, and is UNAUTHENTICATED like
 * no token at all. Every mutation that acts for a member asks this, in every subgraph (the users
 * subgraph reads its own collection; the others ask the directory, batched and briefly cached).
 */
export async function requireMember(ctx: ViewerContext & { members: MemberDirectory }): Promise<{ viewer: Viewer; member: Member }> {
  const viewer = requireViewer(ctx);
  const member = await ctx.members.get(viewer.id);
  if (!member) throw unauthenticated('Your account no longer exists.');
  return { viewer, member };
}

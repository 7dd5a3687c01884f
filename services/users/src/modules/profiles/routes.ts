import { isObjectId, MEMBERS_ROUTE, requireServiceToken, type Logger, type Member, type MembersResponse, type Role } from '@gigmart/shared';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { UserDoc, UserModel } from '../accounts/model.js';

const MAX_IDS = 500;
const membersRequest = z.object({ ids: z.array(z.string()).max(MAX_IDS) });

export function toMember(user: UserDoc): Member {
  return {
    id: String(user._id),
    username: user.username,
    roles: user.roles as Role[],
    isSeller: user.sellerProfile != null,
    sellerSince: user.sellerProfile ? user.sellerProfile.sellerSince.toISOString() : null,
  };
}

/** Members by id for one batch; unknown and malformed ids are left out. */
export async function findMembers(users: UserModel, ids: readonly string[]): Promise<Member[]> {
  const valid = [...new Set(ids.filter(isObjectId))];
  if (!valid.length) return [];
  const found = await users.find({ _id: { $in: valid } }, { username: 1, roles: 1, sellerProfile: 1 }).lean<UserDoc[]>().exec();
  return found.map(toMember);
}

/**
 * POST /internal/members: what the gigs and orders services ask to decide seller rights (see
 * shared/src/internal/members.ts). Service credential required; the gateway never routes here.
 */
export function mountMembersRoute(app: Express, options: { users: UserModel; serviceToken: string; logger: Logger }): void {
  app.post(MEMBERS_ROUTE, requireServiceToken(options.serviceToken), express.json({ limit: '100kb' }), async (req, res) => {
    const parsed = membersRequest.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `Expected { "ids": string[] } with at most ${MAX_IDS} ids.` });
      return;
    }
    try {
      const body: MembersResponse = { members: await findMembers(options.users, parsed.data.ids) };
      res.json(body);
    } catch (error) {
      (req.log ?? options.logger).error({ err: error }, 'members lookup failed');
      res.status(500).json({ error: 'Members lookup failed.', requestId: req.requestId });
    }
  });
}

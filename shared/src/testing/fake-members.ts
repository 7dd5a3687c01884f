import { z } from 'zod';
import { MEMBERS_ROUTE, type Member, type MembersResponse } from '../internal/members.js';
import { startFakeService, type FakeRoute, type FakeService } from './fake-service.js';

/** The ids a look-up of the users service's internal routes names. */
export const memberIdsRequest = z.object({ ids: z.array(z.string()) });

export interface FakeMemberDirectory extends FakeService {
  /** The members the directory knows, by id: a test adds (or changes) them here. */
  members: Map<string, Member>;
}

/**
 * A stand-in for the users service's member directory in a service-level test: its members route
 * (shared/src/internal/members.ts) answers for the members in `members`; `routes` adds other routes
 * of the users service that read them (the inbox's mail recipients, say).
 */
export async function startFakeMemberDirectory(options: {
  serviceToken: string;
  routes?: (members: ReadonlyMap<string, Member>) => Record<string, FakeRoute>;
}): Promise<FakeMemberDirectory> {
  const members = new Map<string, Member>();
  const service = await startFakeService({
    serviceToken: options.serviceToken,
    routes: {
      [`POST ${MEMBERS_ROUTE}`]: (body): MembersResponse => ({
        members: memberIdsRequest.parse(body).ids.flatMap((id) => members.get(id) ?? []),
      }),
      ...options.routes?.(members),
    },
  });
  return Object.assign(service, { members });
}

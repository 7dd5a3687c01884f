import { withUserErrors } from '@gigmart/shared';
import type { GigsContext } from '../../context.js';
import { saveGig, savedGigsOf, unsaveGig } from './service.js';

export const savedResolvers = {
  Mutation: {
    saveGig: (_: unknown, args: { input: { id: string } }, ctx: GigsContext) => withUserErrors('gig', () => saveGig(ctx, args.input.id)),
    unsaveGig: (_: unknown, args: { input: { id: string } }, ctx: GigsContext) => withUserErrors('gig', () => unsaveGig(ctx, args.input.id)),
  },
  User: {
    savedGigs: (user: { id: string }, args: { first?: number | null; after?: string | null }, ctx: GigsContext) => savedGigsOf(ctx, user.id, args),
  },
};

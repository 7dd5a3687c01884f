import { forbidden, requireViewer, type MemberDirectory, type Viewer, type ViewerContext } from '@gigmart/shared';

/**
 * Seller rights come from the users service (through the batched, briefly cached member
 * directory), not from the token's roles: a member who became a seller a moment ago holds a token
 * issued before, and must be able to create a gig with it.
 */
export async function requireSeller(ctx: ViewerContext & { members: MemberDirectory }): Promise<Viewer> {
  const viewer = requireViewer(ctx);
  const member = await ctx.members.get(viewer.id);
  if (!member?.isSeller) throw forbidden('Only sellers can create gigs: become a seller first.');
  return viewer;
}

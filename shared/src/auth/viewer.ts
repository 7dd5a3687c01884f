import { forbidden, unauthenticated } from '../errors.js';

export type Role = 'BUYER' | 'SELLER' | 'ADMIN';
export const ROLES: readonly Role[] = ['BUYER', 'SELLER', 'ADMIN'];

/** Who is calling, as proven by a verified access token. */
export interface Viewer {
  id: string;
  /**
   * Roles as they were when the token was issued. Good for ADMIN (granted only by a command, and
   * tokens live 15 minutes); not for SELLER, which a member gains mid-session: ask the users
   * service for seller rights instead.
   */
  roles: Role[];
  tokenId: string;
}

export interface ViewerContext {
  viewer: Viewer | null;
}

export function requireViewer(ctx: ViewerContext): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export function isAdmin(viewer: Viewer | null | undefined): boolean {
  return Boolean(viewer?.roles.includes('ADMIN'));
}

export function requireAdmin(ctx: ViewerContext): Viewer {
  const viewer = requireViewer(ctx);
  if (!isAdmin(viewer)) throw forbidden();
  return viewer;
}

import { useSyncExternalStore } from 'react';

/**
 * The signed-in session.
 *
 * The access token lives in memory only (this module), so no script can read it from storage and
 * it is gone when the tab closes. The refresh token must survive a page reload, and the API sets
 * no cookies, so it is kept in sessionStorage: scoped to this tab, cleared when the tab closes,
 * never sent anywhere by the browser on its own. See the README for the trade-off.
 */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

const REFRESH_KEY = 'gigmart.refreshToken';

let accessToken: string | null = null;
let accessTokenExpiresAt = 0;
/** Bumped when the signed-in person changes (log in, log out), not on a silent refresh. */
let identity = 0;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function readRefreshToken(): string | null {
  try {
    return sessionStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export const auth = {
  accessToken: (): string | null => accessToken,
  refreshToken: readRefreshToken,
  /** True when the access token is missing or about to expire: refresh before sending. */
  accessTokenExpiring(): boolean {
    return accessToken !== null && Date.now() > accessTokenExpiresAt - 10_000;
  },
  hasSession: (): boolean => accessToken !== null || readRefreshToken() !== null,

  /** After log in or sign up: a new person. */
  signIn(session: Session): void {
    auth.store(session);
    identity += 1;
    emit();
  },

  /** After a silent refresh: same person, new tokens. */
  store(session: Session): void {
    accessToken = session.accessToken;
    accessTokenExpiresAt = Date.parse(session.accessTokenExpiresAt);
    try {
      sessionStorage.setItem(REFRESH_KEY, session.refreshToken);
    } catch {
      // Storage disabled: the session simply ends with the page.
    }
  },

  signOut(): void {
    const hadSession = auth.hasSession();
    accessToken = null;
    accessTokenExpiresAt = 0;
    try {
      sessionStorage.removeItem(REFRESH_KEY);
    } catch {
      // nothing stored
    }
    if (hadSession) {
      identity += 1;
      emit();
    }
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Changes whenever the signed-in person changes; used to start over with an empty cache. */
export function useIdentity(): number {
  return useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => identity,
  );
}

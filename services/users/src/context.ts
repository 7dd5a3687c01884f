import type { BaseContext, DataLoader } from '@gigmart/shared';
import type { AccountService } from './modules/accounts/service.js';
import type { CredentialModel, LoginFailureModel, UserDoc, UserModel } from './modules/accounts/model.js';
import type { FamilyRevocationModel, SessionModel, SessionSpendModel } from './modules/sessions/model.js';
import type { SessionManager } from './modules/sessions/service.js';

export interface UsersModels {
  User: UserModel;
  Credential: CredentialModel;
  LoginFailure: LoginFailureModel;
  Session: SessionModel;
  SessionSpend: SessionSpendModel;
  FamilyRevocation: FamilyRevocationModel;
}

export interface UsersContext extends BaseContext {
  models: UsersModels;
  /** Members by id, batched per request (federation asks for many at once). */
  users: DataLoader<string, UserDoc | null>;
  accounts: AccountService;
  sessions: SessionManager;
  /** The caller's address, for log-in throttling: the first `x-forwarded-for` entry, else the socket's. */
  clientAddress: string;
  /** The session family of the caller's access token (claim `sid`), if any. */
  sessionId: string | null;
  now: () => Date;
  /**
   * Members who proved who they are in THIS request (signed up, logged in, refreshed), so the
   * payload can show them their own private fields before they hold a token.
   */
  provenMembers: Set<string>;
}

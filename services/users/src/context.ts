import {
  createByIdLoader,
  isServiceToken,
  SERVICE_TOKEN_HEADER,
  type BaseContext,
  type DataLoader,
  type MediaClient,
} from '@gigmart/shared';
import type { Request } from 'express';
import type { Connection, Model } from 'mongoose';
import { credentialModel, throttleCounterModel, type CredentialModel, type ThrottleCounterModel } from './modules/accounts/model.js';
import type { DummyPasswordCheck, ScryptParams } from './modules/accounts/passwords.js';
import type { SignUpThrottlePolicy, ThrottlePolicy } from './modules/accounts/throttle.js';
import { userModel, type UserDoc, type UserModel } from './modules/profiles/model.js';
import type { AccessTokenSigner } from './modules/sessions/access-token.js';
import {
  familyRevocationModel,
  sessionModel,
  sessionSpendModel,
  type FamilyRevocationModel,
  type SessionModel,
  type SessionSpendModel,
} from './modules/sessions/model.js';

export interface UsersModels {
  User: UserModel;
  Credential: CredentialModel;
  ThrottleCounter: ThrottleCounterModel;
  Session: SessionModel;
  SessionSpend: SessionSpendModel;
  FamilyRevocation: FamilyRevocationModel;
}

/** The service's collections, registered on its connection (`openDatabase` creates their indexes). */
export function usersModels(connection: Connection): UsersModels {
  return {
    User: userModel(connection),
    Credential: credentialModel(connection),
    ThrottleCounter: throttleCounterModel(connection),
    Session: sessionModel(connection),
    SessionSpend: sessionSpendModel(connection),
    FamilyRevocation: familyRevocationModel(connection),
  };
}

/** What start-up builds once and every request, job and command shares. */
export interface UsersServices {
  models: UsersModels;
  clock: () => Date;
  /** Signs access tokens with the current signing key. */
  signAccessToken: AccessTokenSigner;
  /** Log-in throttling limits. */
  throttle: ThrottlePolicy;
  /** Sign-up attempts per client address. */
  signUpThrottle: SignUpThrottlePolicy;
  /** scrypt cost for new password hashes (each stored hash keeps its own). */
  scrypt: ScryptParams;
  /** The scrypt work done for a log-in with an unknown name, so it takes as long as a wrong password. */
  dummyPassword: DummyPasswordCheck;
  /** The media service's attach route (avatars); null without MEDIA_URL: no avatar file can be set. */
  media: MediaClient | null;
}

/** What a request tells about its caller besides the viewer; jobs and commands have no caller. */
export interface CallerFacts {
  /** The caller's address, for throttling (see `clientAddressOf`). */
  clientAddress: string;
  /** The session family of the caller's access token (claim `sid`), if any. */
  sessionId: string | null;
}

/** `::ffff:203.0.113.9` (an IPv4 client of a dual-stack socket) is `203.0.113.9`. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * The address of the client a request is for. `x-forwarded-for` is believed only from the gateway,
 * which proves itself with the service credential (`x-service-token`) and replaces whatever its
 * client claimed with the address it saw; anyone else who reaches this service is counted by the
 * address of its own connection, so a made-up header per attempt gets around no throttle.
 */
export function clientAddressOf(req: Request, serviceToken: string): string {
  const socketAddress = req.socket.remoteAddress ? plainAddress(req.socket.remoteAddress) : 'unknown';
  if (!isServiceToken(req.headers[SERVICE_TOKEN_HEADER], serviceToken)) return socketAddress;
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first ? plainAddress(first) : socketAddress;
}

const NO_CALLER: CallerFacts = { clientAddress: 'unknown', sessionId: null };

export interface UsersContext extends BaseContext, UsersServices, CallerFacts {
  /** Members by id, batched per request (federation asks for many at once). */
  users: DataLoader<string, UserDoc | null>;
  /**
   * Members who proved who they are in THIS request (signed up, logged in, refreshed), so the
   * payload can show them their own private fields before they hold a token.
   */
  provenMembers: Set<string>;
}

/** A request's context; jobs and commands make one with `viewer: null` and no caller. */
export function createContext(base: BaseContext, services: UsersServices, caller: CallerFacts = NO_CALLER): UsersContext {
  return {
    ...base,
    ...services,
    ...caller,
    users: createByIdLoader(services.models.User as unknown as Model<UserDoc>),
    provenMembers: new Set<string>(),
  };
}

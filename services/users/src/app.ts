import {
  createAccessTokenVerifier,
  createByIdLoader,
  startSubgraph,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import type { Request } from 'express';
import type { Model } from 'mongoose';
import { createLocalJWKSet } from 'jose';
import {
  AccountService,
  credentialModel,
  LoginThrottle,
  loginFailureModel,
  userModel,
  type ScryptParams,
  type ThrottlePolicy,
  type UserDoc,
} from './modules/accounts/index.js';
import type { UsersContext, UsersModels } from './context.js';
import { subgraphModules } from './modules.js';
import { mountMembersRoute } from './modules/profiles/routes.js';
import {
  createAccessTokenSigner,
  generateSigningKeys,
  loadSigningKeys,
  SessionManager,
  sessionSpendModel,
  familyRevocationModel,
  sessionIdOfVerifiedToken,
  sessionModel,
  startCleanupJob,
  type SigningKeys,
} from './modules/sessions/index.js';
import { mountJwksRoute } from './modules/sessions/routes.js';

export interface UsersServiceOptions extends ServiceOptions {
  /** Signing keys; else loaded from `dataDir` (development key files), else made in memory. */
  keys?: SigningKeys;
  dataDir?: string;
  /** scrypt cost for new hashes (tests may lower it; stored per hash either way). */
  scrypt?: ScryptParams;
  throttle?: ThrottlePolicy;
  cleanupIntervalMs?: number;
}

/** The caller's address: the first `x-forwarded-for` hop (set by the gateway), else the socket peer. */
export function clientAddressOf(req: Request): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

export interface StartedUsersService extends StartedSubgraph<UsersModels> {
  /** Runs the periodic cleanup of ended sessions now (it also runs on its own timer). */
  runCleanup(): Promise<void>;
}

export async function startUsersService(options: UsersServiceOptions): Promise<StartedUsersService> {
  const clock = options.clock ?? (() => new Date());
  const keys =
    options.keys ?? (options.dataDir ? await loadSigningKeys({ nodeEnv: 'development', dataDir: options.dataDir }) : await generateSigningKeys());
  const sign = createAccessTokenSigner(keys);
  // The users service checks its own tokens with its own public keys, never over HTTP to itself.
  const verifyAccessToken = options.verifyAccessToken ?? createAccessTokenVerifier({ keys: createLocalJWKSet(keys.jwks) });
  let sessions: SessionManager;
  let accounts: AccountService;
  let cleanup: ReturnType<typeof startCleanupJob>;

  const started = await startSubgraph<UsersModels, UsersContext>({
    name: 'users',
    port: options.port,
    host: options.host,
    logger: options.logger,
    mongoUri: options.mongoUri,
    dbName: options.dbName ?? 'users',
    verifyAccessToken,
    models: (connection) => ({
      User: userModel(connection),
      Credential: credentialModel(connection),
      LoginFailure: loginFailureModel(connection),
      Session: sessionModel(connection),
      SessionSpend: sessionSpendModel(connection),
      FamilyRevocation: familyRevocationModel(connection),
    }),
    modules: [...subgraphModules],
    routes: (app, models) => {
      mountJwksRoute(app, keys);
      mountMembersRoute(app, { users: models.User, serviceToken: options.serviceToken, logger: options.logger });
    },
    onStart: async (models) => {
      const throttle = new LoginThrottle(models.LoginFailure, clock, options.throttle);
      sessions = new SessionManager({
        users: models.User,
        sessions: models.Session,
        spends: models.SessionSpend,
        revocations: models.FamilyRevocation,
        sign,
        clock,
      });
      accounts = new AccountService({
        users: models.User,
        credentials: models.Credential,
        sessions,
        throttle,
        scrypt: options.scrypt,
      });
      cleanup = startCleanupJob({ sessions, throttle, clock, logger: options.logger, intervalMs: options.cleanupIntervalMs });
      return [cleanup];
    },
    context: (base, models, info) => ({
      ...base,
      models,
      users: createByIdLoader(models.User as unknown as Model<UserDoc>),
      accounts,
      sessions,
      clientAddress: clientAddressOf(info.req),
      sessionId: base.viewer ? sessionIdOfVerifiedToken(info.req.headers.authorization) : null,
      now: clock,
      provenMembers: new Set<string>(),
    }),
  });
  return { ...started, runCleanup: () => cleanup.runOnce() };
}

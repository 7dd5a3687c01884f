import { randomUUID } from 'node:crypto';
import {
  createAccessTokenVerifier,
  mediaClientFor,
  openDatabase,
  serveSubgraph,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { clientAddressOf, createContext, usersModels, type UsersContext, type UsersModels, type UsersServices } from './context.js';
import { subgraphModules } from './modules.js';
import {
  DEFAULT_SCRYPT_PARAMS,
  DummyPasswordCheck,
  LOGIN_THROTTLE,
  SIGN_UP_THROTTLE,
  type ScryptParams,
  type SignUpThrottlePolicy,
  type ThrottlePolicy,
} from './modules/accounts/index.js';
import { mountMailRecipientsRoute, mountMembersRoute } from './modules/profiles/index.js';
import {
  createAccessTokenSigner,
  generateSigningKeys,
  loadSigningKeys,
  mountJwksRoute,
  sessionIdOfVerifiedToken,
  startCleanupJob,
  type KeySource,
  type SigningKeys,
} from './modules/sessions/index.js';

export interface UsersServiceOptions extends ServiceOptions {
  /** Signing keys as they are (tests); else loaded from `keySource` (main.ts: the configuration), else made in memory. */
  keys?: SigningKeys;
  keySource?: KeySource;
  /** scrypt cost for new hashes (tests may lower it; stored per hash either way). */
  scrypt?: ScryptParams;
  throttle?: ThrottlePolicy;
  /** Sign-up attempts per client address (main.ts: SIGN_UP_LIMIT_PER_HOUR); default `SIGN_UP_THROTTLE`. */
  signUpThrottle?: SignUpThrottlePolicy | undefined;
  cleanupIntervalMs?: number;
}

export interface StartedUsersService extends StartedSubgraph<UsersModels> {
  /** Runs the periodic cleanup of ended sessions now (it also runs on its own timer). */
  runCleanup(): Promise<void>;
  /** A context with no viewer, as jobs and commands make (tests call service functions with it). */
  context(): UsersContext;
}

export async function startUsersService(options: UsersServiceOptions): Promise<StartedUsersService> {
  const { logger } = options;
  const { connection, models } = await openDatabase({ logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'users' }, usersModels);

  const keys = options.keys ?? (options.keySource ? await loadSigningKeys(options.keySource) : generateSigningKeys());
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  const services: UsersServices = {
    models,
    clock: options.clock ?? (() => new Date()),
    signAccessToken: createAccessTokenSigner(keys),
    throttle: options.throttle ?? LOGIN_THROTTLE,
    signUpThrottle: options.signUpThrottle ?? SIGN_UP_THROTTLE,
    scrypt,
    dummyPassword: new DummyPasswordCheck(scrypt),
    media: mediaClientFor(options.urls.media, options.serviceToken),
  };
  // The users service checks its own tokens with its own public keys, never over HTTP to itself.
  const verifyAccessToken = options.verifyAccessToken ?? createAccessTokenVerifier({ jwks: keys.jwks });
  const cleanup = startCleanupJob({ services, logger, intervalMs: options.cleanupIntervalMs });

  const started = await serveSubgraph<UsersModels, UsersContext>(models, {
    name: 'users',
    port: options.port,
    host: options.host,
    logger,
    connection,
    modules: subgraphModules,
    verifyAccessToken,
    routes: (app) => {
      mountJwksRoute(app, keys);
      mountMembersRoute(app, { services, serviceToken: options.serviceToken, logger });
      mountMailRecipientsRoute(app, { services, serviceToken: options.serviceToken });
    },
    context: (base, { req }) =>
      createContext(base, services, {
        clientAddress: clientAddressOf(req, options.serviceToken),
        sessionId: base.viewer ? sessionIdOfVerifiedToken(req.headers.authorization) : null,
      }),
    tasks: [cleanup],
  });
  return {
    ...started,
    runCleanup: () => cleanup.runOnce(),
    context: () => createContext({ requestId: randomUUID(), logger, viewer: null }, services),
  };
}

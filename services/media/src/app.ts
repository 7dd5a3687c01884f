import path from 'node:path';
import {
  createMemberDirectory,
  openDatabase,
  serveSubgraph,
  type BackgroundTask,
  type ServiceOptions,
  type StartedSubgraph,
} from '@gigmart/shared';
import { createContext, mediaModels, type MediaModels, type MediaServices } from './context.js';
import { subgraphModules } from './modules.js';
import { registerFileRoutes, startCleanupJob } from './modules/files/index.js';
import {
  createLocalFileStore,
  createS3FileStore,
  createUrlSigner,
  derivedSigningKey,
  parseS3Url,
  type FileStore,
  type UrlSigner,
} from './modules/storage/index.js';

export interface MediaServiceOptions extends ServiceOptions {
  /** The local store keeps files under `<dataDir>/files` (when no S3 store is given). */
  dataDir: string;
  /** S3_URL: an S3-compatible bucket instead of the local folder. */
  s3Url?: string | undefined;
  /** Where clients reach this service's /files routes; default: its own address. */
  publicUrl?: string | undefined;
  /** The key of the links' signatures; default: derived from the service credential. */
  signingKey?: string | undefined;
  /** How often unused files are deleted; 0: never by itself (tests call runCleanup). */
  cleanupIntervalMs?: number;
}

export type StartedMediaService = StartedSubgraph<MediaModels> & {
  store: FileStore;
  /** Runs the cleanup of unused files now. */
  runCleanup(): Promise<void>;
};

/** The database, the store, the collaborators every request shares, then the subgraph over HTTP. */
export async function startMediaService(options: MediaServiceOptions): Promise<StartedMediaService> {
  const { logger, serviceToken } = options;
  const { connection, models } = await openDatabase({ logger, mongoUri: options.mongoUri, dbName: options.dbName ?? 'media' }, mediaModels);
  const tasks: BackgroundTask[] = [];
  try {
    const signer = createUrlSigner(options.signingKey ?? derivedSigningKey(serviceToken));
    // The service's own address is known once it listens (port 0 in tests); links are made after that.
    const address = { url: options.publicUrl?.replace(/\/+$/, '') ?? '' };
    const publicUrl = () => address.url;
    const store = await openStore(options, { signer, publicUrl, tasks });
    const services: MediaServices = {
      models,
      clock: options.clock ?? (() => new Date()),
      members: createMemberDirectory({ usersUrl: options.urls.users, serviceToken }),
      store,
      signer,
      publicUrl,
    };
    const cleanup = startCleanupJob({ services, logger, intervalMs: options.cleanupIntervalMs });
    tasks.unshift(cleanup);
    const started = await serveSubgraph(models, {
      name: 'media',
      port: options.port,
      host: options.host,
      logger,
      connection,
      modules: subgraphModules,
      verifyAccessToken: options.verifyAccessToken,
      usersUrl: options.urls.users,
      requestDeadlineMs: options.requestDeadlineMs,
      context: (base) => createContext(base, services),
      routes: (app) =>
        registerFileRoutes(app, {
          serviceToken,
          context: (req) => createContext({ requestId: req.requestId, logger: req.log, viewer: null }, services),
        }),
      readiness: { store: () => store.ping() },
      tasks,
    });
    if (!address.url) address.url = started.url;
    return Object.assign(started, { store, runCleanup: () => cleanup.runOnce() });
  } catch (error) {
    for (const task of tasks) await task.stop();
    await connection.close();
    throw error;
  }
}

/** The S3-compatible bucket when S3_URL is given (created when missing), else the local folder DATA_DIR/files. */
async function openStore(
  options: MediaServiceOptions,
  deps: { signer: UrlSigner; publicUrl: () => string; tasks: BackgroundTask[] },
): Promise<FileStore> {
  if (options.s3Url) {
    const location = parseS3Url(options.s3Url);
    const s3 = createS3FileStore(location, options.clock);
    deps.tasks.push({ stop: () => s3.close() });
    await s3.ensureBucket();
    options.logger.info({ endpoint: location.endpoint, bucket: location.bucket }, 'files are kept in S3-compatible storage');
    return s3;
  }
  const dir = path.join(options.dataDir, 'files');
  options.logger.info({ dir }, 'files are kept in the local folder');
  return createLocalFileStore({ dir, signer: deps.signer, publicUrl: deps.publicUrl });
}

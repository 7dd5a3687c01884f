import { createByIdLoader, type BaseContext, type DataLoader, type MemberDirectory } from '@gigmart/shared';
import type { Connection } from 'mongoose';
import { fileModel, type FileDoc, type FileModel } from './modules/files/model.js';
import type { FileStore, UrlSigner } from './modules/storage/index.js';

export interface MediaModels {
  File: FileModel;
}

/** The service's models, registered on its connection. */
export function mediaModels(connection: Connection): MediaModels {
  return { File: fileModel(connection) };
}

/** What start-up builds once and every request shares. */
export interface MediaServices {
  models: MediaModels;
  /** The time: services take it from here, never from `new Date()`, so tests move it. */
  clock: () => Date;
  /** Members (do they exist), from the users service. */
  members: MemberDirectory;
  /** Where the bytes are: the local folder or the S3 bucket. */
  store: FileStore;
  /** Signs and checks this service's own links (public links, local uploads and downloads). */
  signer: UrlSigner;
  /** Where clients reach this service's /files routes (no trailing slash). */
  publicUrl: () => string;
}

export interface MediaLoaders {
  /** Files by id, whoever asks: callers apply the visibility rule. */
  fileById: DataLoader<string, FileDoc | null>;
}

export interface MediaContext extends BaseContext, MediaServices {
  loaders: MediaLoaders;
}

/** A request's context; work no member asked for (internal routes, the cleanup job) passes `viewer: null`. */
export function createContext(base: BaseContext, services: MediaServices): MediaContext {
  return { ...base, ...services, loaders: { fileById: createByIdLoader<FileDoc>(services.models.File) } };
}

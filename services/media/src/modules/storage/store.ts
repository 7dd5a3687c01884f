import type { Readable } from 'node:stream';
import type { Response } from 'express';

/** A header the client must send with the bytes (the signature covers it). */
export interface TargetHeader {
  name: string;
  value: string;
}

export interface UploadTargetSpec {
  contentType: string;
  sizeBytes: number;
  expiresAt: Date;
}

export interface DownloadSpec {
  /** The name the browser saves it as. */
  downloadName: string;
  contentType: string;
  expiresAt: Date;
  /** Who the link is for (bound into the local store's signature). */
  viewerId: string;
}

/** What the store knows of an object. */
export interface StoredObject {
  sizeBytes: number;
}

/** The storage cannot be reached (or refuses to work): a clear error for the client, nothing changed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Where the bytes live: the local folder (served by this service) or an S3-compatible bucket (the
 * bytes go straight to it through presigned links). Keys are `<fileId>/<variant>`.
 */
export interface FileStore {
  readonly kind: 'local' | 's3';
  /** Where the client sends the bytes: one PUT whose signature covers Content-Type and Content-Length. */
  uploadTarget(key: string, spec: UploadTargetSpec): Promise<{ url: string; headers: TargetHeader[] }>;
  /** A download link that expires (DELIVERY and MESSAGE_ATTACHMENT files). */
  privateUrl(key: string, spec: DownloadSpec): Promise<string>;
  /**
   * Answers a verified GET of one of this service's links (the route has set the headers): the bytes
   * (local) or a redirect to a short-lived presigned link (S3).
   */
  serve(key: string, res: Response, meta: { contentType: string; downloadName?: string }): Promise<void>;
  /** Moves the uploaded bytes to their final key, out of reach of the upload link (which may still be valid). */
  promote(fromKey: string, toKey: string): Promise<void>;
  stat(key: string): Promise<StoredObject | null>;
  /** The object's bytes as a stream (never whole in memory). */
  read(key: string): Promise<Readable>;
  /** Writes a small object made here (a rendition). */
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Deletes objects; missing ones are fine. */
  delete(keys: readonly string[]): Promise<void>;
  /** For readiness: can the store be reached now. */
  ping(): Promise<boolean>;
}

/** `<fileId>/upload`, `<fileId>/original`, `<fileId>/w400.webp`, ...: what a link may name. */
export const KEY_PATTERN = /^[0-9a-f]{24}\/(upload|original|w[0-9]{1,5}\.webp)$/;

/** Where the client's PUT lands; moved to originalKey by completeUpload before the checks. */
export function uploadKey(fileId: string): string {
  return `${fileId}/upload`;
}

export function originalKey(fileId: string): string {
  return `${fileId}/original`;
}

export function renditionKey(fileId: string, width: number): string {
  return `${fileId}/w${width}.webp`;
}

/** Where files' bytes are kept (no schema of its own): the local folder or an S3-compatible bucket, behind one interface. */
export { createLocalFileStore, type LocalFileStore } from './local.js';
export { contentDisposition, createS3FileStore, parseS3Url, type S3Location } from './s3.js';
export { createUrlSigner, derivedSigningKey, type UrlSigner } from './signing.js';
export {
  KEY_PATTERN,
  originalKey,
  renditionKey,
  StoreUnavailableError,
  uploadKey,
  type DownloadSpec,
  type FileStore,
  type StoredObject,
  type TargetHeader,
  type UploadTargetSpec,
} from './store.js';

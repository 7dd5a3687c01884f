import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StoreUnavailableError, type FileStore } from './store.js';

/** S3_URL read: `http(s)://ACCESS_KEY:SECRET@host:port/bucket?region=...`. */
export interface S3Location {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function parseS3Url(value: string): S3Location {
  const url = new URL(value);
  return {
    endpoint: `${url.protocol}//${url.host}`,
    bucket: url.pathname.replaceAll('/', ''),
    region: url.searchParams.get('region') ?? 'us-east-1',
    accessKeyId: decodeURIComponent(url.username),
    secretAccessKey: decodeURIComponent(url.password),
  };
}

/** How long the redirect target of a public link stays valid (the link itself is permanent). */
const REDIRECT_SECONDS = 300;

/**
 * An S3-compatible bucket (AWS S3, MinIO, versitygw, ...), path-style. Uploads and private downloads
 * are presigned links straight to the store (SigV4: the upload's signature covers Content-Type and
 * Content-Length); a public link is this service's permanent one, answered by a redirect to a fresh
 * presigned GET.
 */
export function createS3FileStore(
  location: S3Location,
  /** The service's clock: the expiry times the store is given are on it (tests move it). */
  clock: () => Date = () => new Date(),
): FileStore & { ensureBucket(): Promise<void>; close(): void } {
  const client = new S3Client({
    endpoint: location.endpoint,
    region: location.region,
    forcePathStyle: true,
    credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
    // A store that is down answers nothing: fail in seconds, not after the SDK's retries.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 3000, requestTimeout: 30_000 },
  });
  const Bucket = location.bucket;
  // A presigned link lives this many seconds from its signing, measured on the clock that set the expiry.
  const secondsUntil = (date: Date) => Math.max(1, Math.floor((date.getTime() - clock().getTime()) / 1000));
  const notFound = (error: unknown) =>
    error instanceof S3ServiceException &&
    (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');
  const unavailable = (error: unknown) => new StoreUnavailableError('The file store cannot be reached right now.', { cause: error });
  const attempt = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw unavailable(error);
    }
  };
  const presignedGet = (key: string, seconds: number, meta: { contentType: string; downloadName?: string }) =>
    getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentType: meta.contentType,
        ...(meta.downloadName ? { ResponseContentDisposition: contentDisposition(meta.downloadName) } : {}),
      }),
      { expiresIn: seconds },
    );
  return {
    kind: 's3',
    async uploadTarget(key, { contentType, sizeBytes, expiresAt }) {
      const url = await getSignedUrl(
        client,
        new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: sizeBytes }),
        {
          expiresIn: secondsUntil(expiresAt),
          signableHeaders: new Set(['content-type', 'content-length']),
        },
      );
      return {
        url,
        headers: [
          { name: 'Content-Type', value: contentType },
          { name: 'Content-Length', value: String(sizeBytes) },
        ],
      };
    },
    privateUrl: (key, spec) => presignedGet(key, secondsUntil(spec.expiresAt), spec),
    async serve(key, res, meta) {
      res.redirect(302, await presignedGet(key, REDIRECT_SECONDS, meta));
    },
    async promote(fromKey, toKey) {
      try {
        await client.send(new CopyObjectCommand({ Bucket, Key: toKey, CopySource: `${Bucket}/${fromKey}` }));
      } catch (error) {
        if (notFound(error)) return;
        throw unavailable(error);
      }
      await attempt(() => client.send(new DeleteObjectCommand({ Bucket, Key: fromKey })));
    },
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { sizeBytes: head.ContentLength ?? 0 };
      } catch (error) {
        if (notFound(error)) return null;
        throw unavailable(error);
      }
    },
    async read(key) {
      const object = await attempt(() => client.send(new GetObjectCommand({ Bucket, Key: key })));
      if (!(object.Body instanceof Readable)) throw unavailable(new Error('the store answered no body'));
      return object.Body;
    },
    async write(key, body, contentType) {
      await attempt(() => client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType })));
    },
    async delete(keys) {
      for (const key of keys) await attempt(() => client.send(new DeleteObjectCommand({ Bucket, Key: key })));
    },
    async ping() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return true;
      } catch {
        return false;
      }
    },
    /** Creates the bucket when it is missing (development, tests); a production bucket exists already. */
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        if (!notFound(error)) throw unavailable(error);
        await attempt(() => client.send(new CreateBucketCommand({ Bucket })));
      }
    },
    close: () => client.destroy(),
  };
}

/** `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`: the name as given, safe in a header. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

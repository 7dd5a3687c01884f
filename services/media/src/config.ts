import { env, subgraphEnvSchema, z } from '@gigmart/shared';

/**
 * An S3-compatible store as one URL: `http(s)://ACCESS_KEY:SECRET@host:port/bucket?region=us-east-1`
 * (credentials URL-encoded; region optional, us-east-1 by default; path-style addressing).
 */
const s3Url = z
  .string()
  .url({ error: 'expected a URL: http(s)://ACCESS_KEY:SECRET@host:port/bucket' })
  .refine((value) => /^https?:\/\//.test(value), 'expected an http:// or https:// URL')
  .refine((value) => {
    const url = new URL(value);
    return url.username !== '' && url.password !== '' && /^\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/?$/.test(url.pathname);
  }, 'expected credentials and one bucket: http(s)://ACCESS_KEY:SECRET@host:port/bucket');

/** The media service's environment: the subgraphs' common variables, its port and where files are kept. */
export const mediaEnvSchema = subgraphEnvSchema.extend({
  MEDIA_PORT: env.port(4005),
  /** S3-compatible object storage; unset: files are kept under DATA_DIR/files and served by this service. */
  S3_URL: z.preprocess((value) => (value === '' ? undefined : value), s3Url.optional()),
  /**
   * The address clients reach this service's /files routes at (signed upload and download links);
   * default: its own address (http://HOST:MEDIA_PORT).
   */
  MEDIA_PUBLIC_URL: z.preprocess((value) => (value === '' ? undefined : value), env.url().optional()),
  /** The key that signs upload and download links (at least 32 characters); default: derived from SERVICE_TOKEN. */
  MEDIA_SIGNING_KEY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  /** How often PENDING and unattached READY files older than 24 hours are deleted (0: never). */
  MEDIA_CLEANUP_INTERVAL_MS: env.int(60 * 60_000),
});
export type MediaConfig = z.infer<typeof mediaEnvSchema>;

import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { UrlSigner } from './signing.js';
import { KEY_PATTERN, StoreUnavailableError, type FileStore } from './store.js';

/**
 * The default store: files under `dir` (DATA_DIR/files), one folder per file. This service serves
 * the PUT and GET of its HMAC-signed links itself (see routes.ts), streaming both ways.
 */
export interface LocalFileStore extends FileStore {
  readonly kind: 'local';
  /**
   * Writes a request's body to `key`, all or nothing: into a temporary file first, renamed into place
   * only when exactly `sizeBytes` arrived.
   */
  receive(key: string, body: Readable, sizeBytes: number): Promise<{ ok: true } | { ok: false; message: string }>;
}

export function createLocalFileStore(options: { dir: string; signer: UrlSigner; publicUrl: () => string }): LocalFileStore {
  const { dir, signer } = options;
  const fileOf = (key: string) => {
    if (!KEY_PATTERN.test(key)) throw new Error(`not a file key: ${key}`);
    return path.join(dir, key);
  };
  const unavailable = (error: unknown) => new StoreUnavailableError('The file store cannot be written to right now.', { cause: error });
  return {
    kind: 'local',
    uploadTarget(key, { contentType, sizeBytes, expiresAt }) {
      const exp = Math.floor(expiresAt.getTime() / 1000);
      const sig = signer.sign(['PUT', key, exp, contentType, sizeBytes]);
      return Promise.resolve({
        url: `${options.publicUrl()}/files/${key}?exp=${exp}&sig=${sig}`,
        headers: [
          { name: 'Content-Type', value: contentType },
          { name: 'Content-Length', value: String(sizeBytes) },
        ],
      });
    },
    privateUrl(key, { expiresAt, viewerId }) {
      const exp = Math.floor(expiresAt.getTime() / 1000);
      return Promise.resolve(
        `${options.publicUrl()}/files/${key}?exp=${exp}&v=${viewerId}&sig=${signer.sign(['GET', key, exp, viewerId])}`,
      );
    },
    async serve(key, res) {
      await streamTo(res, fileOf(key));
    },
    async promote(fromKey, toKey) {
      try {
        await rename(fileOf(fromKey), fileOf(toKey));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw unavailable(error);
      }
    },
    async stat(key) {
      try {
        const info = await stat(fileOf(key));
        return { sizeBytes: info.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw unavailable(error);
      }
    },
    async read(key) {
      const stream = createReadStream(fileOf(key));
      await new Promise<void>((resolve, reject) => {
        stream.once('open', () => resolve());
        stream.once('error', (error) => reject(unavailable(error)));
      });
      return stream;
    },
    async write(key, body) {
      const file = fileOf(key);
      try {
        await mkdir(path.dirname(file), { recursive: true });
        const part = `${file}.part-${randomBytes(6).toString('hex')}`;
        await pipeline([body], createWriteStream(part));
        await rename(part, file);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async delete(keys) {
      const folders = new Set<string>();
      for (const key of keys) {
        await rm(fileOf(key), { force: true });
        folders.add(path.dirname(fileOf(key)));
      }
      // A file's folder goes with its last object (rmdir refuses a folder that is not empty).
      for (const folder of folders) await rm(folder, { recursive: false, force: true }).catch(() => {});
    },
    async ping() {
      try {
        await mkdir(dir, { recursive: true });
        return true;
      } catch {
        return false;
      }
    },
    async receive(key, body, sizeBytes) {
      const file = fileOf(key);
      const part = `${file}.part-${randomBytes(6).toString('hex')}`;
      let received = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > sizeBytes) callback(new BodyTooLarge());
          else callback(null, chunk);
        },
      });
      try {
        await mkdir(path.dirname(file), { recursive: true });
      } catch (error) {
        throw unavailable(error);
      }
      try {
        await pipeline(body, counter, createWriteStream(part, { flags: 'wx' }));
      } catch (error) {
        await rm(part, { force: true });
        if (error instanceof BodyTooLarge) return { ok: false, message: `The body is larger than the declared ${sizeBytes} bytes.` };
        if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || body.destroyed) {
          return { ok: false, message: 'The upload was interrupted.' };
        }
        throw unavailable(error);
      }
      if (received !== sizeBytes) {
        await rm(part, { force: true });
        return { ok: false, message: `The body has ${received} bytes, not the declared ${sizeBytes}.` };
      }
      try {
        await rename(part, file);
      } catch (error) {
        await rm(part, { force: true });
        throw unavailable(error);
      }
      return { ok: true };
    },
  };
}

class BodyTooLarge extends Error {}

/** Streams a file as the response body; 404 when it is gone. */
async function streamTo(res: Response, file: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    res.status(404).json({ error: 'No such file.' });
    return;
  }
  res.setHeader('Content-Length', String(size));
  await pipeline(createReadStream(file), res);
}

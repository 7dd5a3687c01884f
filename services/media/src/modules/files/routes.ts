import {
  internalRoute,
  isObjectId,
  MEDIA_ATTACH_ROUTE,
  MEDIA_DETACH_ROUTE,
  type AttachFilesRequest,
  type DetachFilesRequest,
  type DetachFilesResponse,
} from '@gigmart/shared';
import type { Express, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { MediaContext } from '../../context.js';
import { contentDisposition, KEY_PATTERN, originalKey, StoreUnavailableError, uploadKey, type LocalFileStore } from '../storage/index.js';
import type { FileDoc } from './model.js';
import { PURPOSES } from './rules.js';
import { attachFiles, detachFiles } from './service.js';

const fileId = z
  .string()
  .refine(isObjectId)
  .transform((id) => id.toLowerCase());
const attachBody = z.object({
  fileIds: z.array(fileId).max(50),
  uploaderId: fileId,
  purpose: z.enum(['GIG_IMAGE', 'AVATAR', 'DELIVERY', 'MESSAGE_ATTACHMENT']),
  attachment: z.string().regex(/^[a-z]+:[0-9a-zA-Z:_-]{1,100}$/),
  readers: z.array(fileId).max(10),
}) satisfies z.ZodType<AttachFilesRequest>;
const detachBody = z.object({
  attachment: z.string().regex(/^[a-z]+:[0-9a-zA-Z:_-]{1,100}$/),
  keep: z.array(fileId).max(50).optional(),
}) satisfies z.ZodType<DetachFilesRequest>;

/** Anyone may fetch and send to the signed links (the signature is the permission): browsers on other origins too. */
function cors(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, PUT');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
}

/** A query parameter given once, as text; null otherwise. */
const queryText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const refuse = (res: Response, status: number, error: string) => {
  res.status(status).json({ error });
};

/**
 * This service's HTTP routes besides /graphql:
 *
 * - `GET /files/<fileId>/<variant>?sig=` (permanent public links of GIG_IMAGE and AVATAR files and
 *   renditions) and `?exp=&v=&sig=` (a private file's 15-minute link, for one viewer; local store):
 *   the bytes, streamed (or, with S3, a redirect to a short presigned link).
 * - `PUT /files/<fileId>/upload?exp=&sig=` (local store): the upload, whose signature covers the
 *   declared Content-Type and Content-Length; all or nothing.
 * - `POST /internal/media/attach` and `/internal/media/detach` (service credential; see
 *   shared/src/internal/media.ts).
 */
export function registerFileRoutes(app: Express, deps: { serviceToken: string; context: (req: Request) => MediaContext }): void {
  app.options('/files/:fileId/:variant', cors);

  app.get('/files/:fileId/:variant', cors, async (req, res, next) => {
    try {
      const ctx = deps.context(req);
      const key = `${String(req.params['fileId'])}/${String(req.params['variant'])}`;
      if (!KEY_PATTERN.test(key) || key.endsWith('/upload')) return refuse(res, 404, 'No such file.');
      const { sig } = req.query;
      const exp = queryText(req.query['exp']);
      const isPublic = exp === null;
      const signed = isPublic
        ? ctx.signer.verify(['GET', key, 0, ''], sig)
        : ctx.signer.verify(['GET', key, exp, queryText(req.query['v']) ?? ''], sig);
      if (!signed) return refuse(res, 403, 'The link is not valid for this file (its signature does not match).');
      if (!isPublic && Number(exp) * 1000 <= ctx.clock().getTime())
        return refuse(res, 403, 'The link has expired; ask for the file again.');
      const file = await ctx.loaders.fileById.load(String(req.params['fileId']));
      if (!file || file.status !== 'READY' || (isPublic && !PURPOSES[file.purpose].public)) return refuse(res, 404, 'No such file.');
      const original = key === originalKey(String(file._id));
      const contentType = original ? file.contentType : 'image/webp';
      res.setHeader('Content-Type', contentType);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader('Cache-Control', isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store');
      if (original) res.setHeader('ETag', `"${file.sha256}"`);
      const downloadName = isPublic ? undefined : file.name;
      if (downloadName) res.setHeader('Content-Disposition', contentDisposition(downloadName));
      await ctx.store.serve(key, res, { contentType, ...(downloadName ? { downloadName } : {}) });
    } catch (error) {
      next(error);
    }
  });

  app.put('/files/:fileId/:variant', cors, async (req, res, next) => {
    try {
      const ctx = deps.context(req);
      const store = ctx.store;
      if (store.kind !== 'local') return refuse(res, 404, 'Uploads go to the object store.');
      const id = String(req.params['fileId']);
      const key = `${id}/${String(req.params['variant'])}`;
      if (!KEY_PATTERN.test(key) || key !== uploadKey(id)) return refuse(res, 404, 'No such upload.');
      const { sig } = req.query;
      const exp = queryText(req.query['exp']) ?? '';
      const contentType = req.headers['content-type'] ?? '';
      const length = req.headers['content-length'];
      if (length === undefined || !/^[0-9]{1,12}$/.test(length)) return refuse(res, 411, 'Send the declared Content-Length.');
      if (!ctx.signer.verify(['PUT', key, exp, contentType, Number(length)], sig)) {
        return refuse(res, 403, 'The link does not match this file, its declared Content-Type and Content-Length.');
      }
      if (Number(exp) * 1000 <= ctx.clock().getTime()) return refuse(res, 403, 'The upload link has expired; start a new upload.');
      const file: FileDoc | null = await ctx.models.File.findById(id).lean<FileDoc>().exec();
      if (!file || file.status !== 'PENDING') return refuse(res, 409, 'This upload is finished; start a new one to send other bytes.');
      const outcome = await (store as LocalFileStore).receive(key, req, Number(length));
      if (!outcome.ok) return refuse(res, 400, outcome.message);
      res.status(200).json({ ok: true });
    } catch (error) {
      if (error instanceof StoreUnavailableError) {
        req.log.warn({ err: error }, 'the file store failed during an upload');
        return refuse(res, 503, 'The file store cannot be written to right now; nothing was kept. Send the file again shortly.');
      }
      next(error);
    }
  });

  internalRoute(app, MEDIA_ATTACH_ROUTE, { serviceToken: deps.serviceToken, maxBytes: 16 * 1024 }, async (body, req, res) => {
    const parsed = attachBody.safeParse(body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'Body must be { "fileIds": file ids, "uploaderId": member id, "purpose", "attachment": "kind:id", "readers": member ids }.',
      });
      return;
    }
    res.json(await attachFiles(deps.context(req), parsed.data));
  });

  internalRoute(app, MEDIA_DETACH_ROUTE, { serviceToken: deps.serviceToken, maxBytes: 16 * 1024 }, async (body, req, res) => {
    const parsed = detachBody.safeParse(body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Body must be { "attachment": "kind:id", "keep"?: file ids }.' });
      return;
    }
    const answer: DetachFilesResponse = { detached: await detachFiles(deps.context(req), parsed.data) };
    res.json(answer);
  });
}

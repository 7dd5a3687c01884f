import {
  failWith,
  isAdmin,
  isDuplicateKey,
  isObjectId,
  newId,
  parseInput,
  requireMember,
  type AttachFilesRequest,
  type AttachFilesResponse,
  type AttachedFile,
  type DetachFilesRequest,
} from '@gigmart/shared';
import { GraphQLError } from 'graphql';
import type { QueryFilter } from 'mongoose';
import type { MediaContext } from '../../context.js';
import type { CreateUploadInput, FileIdInput } from '../../generated/resolvers.js';
import { originalKey, StoreUnavailableError, uploadKey, type TargetHeader } from '../storage/index.js';
import { inspectUpload } from './inspect.js';
import type { FileDoc } from './model.js';
import {
  createUploadInput,
  freePendingSlot,
  MAX_PENDING_UPLOADS,
  PRIVATE_LINK_MS,
  PURPOSES,
  releasedSlot,
  UNUSED_FILE_MS,
  UPLOAD_LINK_MS,
} from './rules.js';

export interface UploadTargetView {
  url: string;
  method: 'PUT';
  headers: TargetHeader[];
  expiresAt: Date;
}

/** A PROCESSING file whose checks have not finished after this long was left by a stopped process: completeUpload takes it over. */
const STALE_PROCESSING_MS = 2 * 60_000;
/** How often an insert that lost a pending slot to a concurrent one tries the next free slot. */
const SLOT_ATTEMPTS = 30;

const fileIdNotFound = (): never => failWith(['input', 'fileId'], 'There is no such file of yours.', 'NOT_FOUND');

/** The store could not be reached: a clear error the client may retry; the file stays as it was. */
function storeUnavailable(): GraphQLError {
  return new GraphQLError('The file store cannot be reached right now; nothing was changed. Try again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE' },
  });
}

/** Whether the viewer may read the file (see File in the schema). */
export function mayRead(ctx: MediaContext, file: FileDoc): boolean {
  if (file.status === 'READY' && PURPOSES[file.purpose].public) return true;
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (file.uploaderId === viewer.id) return true;
  if (file.status !== 'READY') return false;
  if (file.readers.includes(viewer.id)) return true;
  return file.purpose === 'DELIVERY' && file.attachedTo !== null && isAdmin(viewer);
}

/** The file if the viewer may read it; null otherwise (unknown and malformed ids alike). */
export async function findReadableFile(ctx: MediaContext, id: string): Promise<FileDoc | null> {
  if (!isObjectId(id)) return null;
  const file = await ctx.loaders.fileById.load(id.toLowerCase());
  return file && mayRead(ctx, file) ? file : null;
}

/** This service's permanent link to a public object (a GIG_IMAGE or AVATAR original, a rendition). */
export function publicLink(ctx: Pick<MediaContext, 'signer' | 'publicUrl'>, key: string): string {
  return `${ctx.publicUrl()}/files/${key}?sig=${ctx.signer.sign(['GET', key, 0, ''])}`;
}

/** The viewer's download link: permanent for public purposes, signed for the viewer for 15 minutes otherwise; null unless READY. */
export async function fileUrl(ctx: MediaContext, file: FileDoc): Promise<string | null> {
  if (file.status !== 'READY') return null;
  const key = originalKey(String(file._id));
  if (PURPOSES[file.purpose].public) return publicLink(ctx, key);
  if (!ctx.viewer) return null;
  try {
    return await ctx.store.privateUrl(key, {
      downloadName: file.name,
      contentType: file.contentType,
      viewerId: ctx.viewer.id,
      expiresAt: new Date(ctx.clock().getTime() + PRIVATE_LINK_MS),
    });
  } catch (error) {
    if (error instanceof StoreUnavailableError) return null;
    throw error;
  }
}

export function renditionsOf(ctx: MediaContext, file: FileDoc): Array<{ width: number; height: number; url: string }> {
  if (file.status !== 'READY') return [];
  return file.renditions.map((r) => ({ width: r.width, height: r.height, url: publicLink(ctx, r.key) }));
}

/** createUpload: the declared file checked against its purpose, a PENDING file, and the link to PUT its bytes to. */
export async function createUpload(ctx: MediaContext, input: CreateUploadInput): Promise<{ file: FileDoc; target: UploadTargetView }> {
  const { viewer } = await requireMember(ctx);
  const fields = parseInput(createUploadInput, input);
  const now = ctx.clock();
  const id = newId();
  for (let attempt = 0; attempt < SLOT_ATTEMPTS; attempt += 1) {
    const taken = await ctx.models.File.find({ uploaderId: viewer.id, status: { $in: ['PENDING', 'PROCESSING'] } }, { pendingSlot: 1 })
      .lean<Array<Pick<FileDoc, 'pendingSlot'>>>()
      .exec();
    const slot = freePendingSlot(
      taken.map((f) => f.pendingSlot),
      Math.random(),
    );
    if (!slot) {
      failWith(
        null,
        `You have ${MAX_PENDING_UPLOADS} uploads waiting for their bytes: complete or delete some first (unfinished ones are deleted after 24 hours).`,
        'LIMIT_REACHED',
      );
    }
    try {
      const [created] = await ctx.models.File.create([
        {
          _id: id,
          uploaderId: viewer.id,
          purpose: fields.purpose,
          name: fields.name,
          contentType: fields.contentType,
          declaredType: fields.contentType,
          sizeBytes: fields.sizeBytes,
          status: 'PENDING',
          rejectionReason: null,
          sha256: null,
          pendingSlot: slot,
          renditions: [],
          attachedTo: null,
          readers: [],
          createdAt: now,
          readyAt: null,
          processingAt: null,
        },
      ]);
      const file = created!.toObject<FileDoc>();
      const expiresAt = new Date(now.getTime() + UPLOAD_LINK_MS);
      let target: { url: string; headers: TargetHeader[] };
      try {
        target = await ctx.store.uploadTarget(uploadKey(String(id)), {
          contentType: fields.contentType,
          sizeBytes: fields.sizeBytes,
          expiresAt,
        });
      } catch (error) {
        await ctx.models.File.deleteOne({ _id: id, status: 'PENDING' }).exec();
        if (error instanceof StoreUnavailableError) throw storeUnavailable();
        throw error;
      }
      return { file, target: { ...target, method: 'PUT', expiresAt } };
    } catch (error) {
      // Another upload of the same member took this slot between the read and the insert: the next free one.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return failWith(null, 'Too many uploads are starting at once; try again.', 'LIMIT_REACHED');
}

/** This check lost its claim on the file to a later one. */
class CheckTakenOver extends Error {}

/**
 * completeUpload: PENDING → PROCESSING (one winner), the bytes moved out of the upload link's reach
 * and checked, then READY or REJECTED. A store that cannot be reached puts the file back to PENDING
 * and says so: nothing half-checked becomes READY.
 */
export async function completeUpload(ctx: MediaContext, input: FileIdInput): Promise<{ file: FileDoc }> {
  const { viewer } = await requireMember(ctx);
  if (!isObjectId(input.fileId)) return fileIdNotFound();
  const File = ctx.models.File;
  const current = await File.findById(input.fileId.toLowerCase()).lean<FileDoc>().exec();
  if (!current || current.uploaderId !== viewer.id) return fileIdNotFound();
  const now = ctx.clock();
  const claimFilter: QueryFilter<FileDoc> | null =
    current.status === 'PENDING'
      ? { _id: current._id, status: 'PENDING' }
      : current.status === 'PROCESSING' && current.processingAt && now.getTime() - current.processingAt.getTime() > STALE_PROCESSING_MS
        ? { _id: current._id, status: 'PROCESSING', processingAt: current.processingAt }
        : null;
  if (!claimFilter) return { file: current };
  const claimed = await File.findOneAndUpdate(
    claimFilter,
    { $set: { status: 'PROCESSING', processingAt: now } },
    { returnDocument: 'after' },
  )
    .lean<FileDoc>()
    .exec();
  if (!claimed) return { file: (await File.findById(current._id).lean<FileDoc>().exec()) ?? current };

  const id = String(claimed._id);
  let outcome: Awaited<ReturnType<typeof inspectUpload>>;
  try {
    await ctx.store.promote(uploadKey(id), originalKey(id));
    outcome = await inspectUpload(
      ctx.store,
      {
        id,
        key: originalKey(id),
        purpose: claimed.purpose,
        contentType: claimed.declaredType,
        sizeBytes: claimed.sizeBytes,
        name: claimed.name,
        cleaned: claimed.cleaned ?? null,
      },
      async (cleaned) => {
        const { modifiedCount } = await File.updateOne(
          { _id: claimed._id, status: 'PROCESSING', processingAt: now },
          { $set: { cleaned } },
        ).exec();
        if (!modifiedCount) throw new CheckTakenOver();
      },
    );
  } catch (error) {
    // Another completeUpload took this check over (this one ran past STALE_PROCESSING_MS): it finishes it.
    if (error instanceof CheckTakenOver) return { file: (await File.findById(claimed._id).lean<FileDoc>().exec()) ?? claimed };
    await File.updateOne(
      { _id: claimed._id, status: 'PROCESSING', processingAt: now },
      { $set: { status: 'PENDING', processingAt: null } },
    ).exec();
    if (error instanceof StoreUnavailableError) {
      ctx.logger.warn({ err: error, fileId: id }, 'the file store failed during completeUpload; the file is PENDING again');
      throw storeUnavailable();
    }
    throw error;
  }
  const done = ctx.clock();
  const update = outcome.ok
    ? {
        status: 'READY',
        contentType: outcome.contentType,
        sha256: outcome.sha256,
        sizeBytes: outcome.sizeBytes,
        renditions: outcome.renditions,
        readyAt: done,
        rejectionReason: null,
        pendingSlot: releasedSlot(id),
      }
    : { status: 'REJECTED', rejectionReason: outcome.reason, pendingSlot: releasedSlot(id) };
  const finished = await File.findOneAndUpdate(
    { _id: claimed._id, status: 'PROCESSING', processingAt: now },
    { $set: update },
    { returnDocument: 'after' },
  )
    .lean<FileDoc>()
    .exec();
  if (!outcome.ok) await deleteBytes(ctx, claimed);
  return { file: finished ?? (await File.findById(claimed._id).lean<FileDoc>().exec()) ?? claimed };
}

/** deleteFile: one of the viewer's files attached to nothing, with its bytes. */
export async function deleteFile(ctx: MediaContext, input: FileIdInput): Promise<{ deletedFileId: string }> {
  const { viewer } = await requireMember(ctx);
  if (!isObjectId(input.fileId)) return fileIdNotFound();
  const id = input.fileId.toLowerCase();
  const file = await ctx.models.File.findById(id).lean<FileDoc>().exec();
  if (!file || file.uploaderId !== viewer.id) return fileIdNotFound();
  if (file.attachedTo !== null)
    failWith(['input', 'fileId'], 'The file is in use: remove it from where it is attached first.', 'INVALID_STATE');
  if (file.status === 'PROCESSING')
    failWith(['input', 'fileId'], 'The file is being checked; delete it once that is done.', 'INVALID_STATE');
  const { deletedCount } = await ctx.models.File.deleteOne({
    _id: file._id,
    uploaderId: viewer.id,
    attachedTo: null,
    status: { $ne: 'PROCESSING' },
  }).exec();
  if (!deletedCount) failWith(['input', 'fileId'], 'The file changed meanwhile; look at it again.', 'INVALID_STATE');
  await deleteBytes(ctx, file);
  return { deletedFileId: id };
}

/** Deletes every object a file may have in the store; a failure is logged (the bytes stay as orphans). */
async function deleteBytes(ctx: MediaContext, file: FileDoc): Promise<void> {
  const id = String(file._id);
  const keys = [uploadKey(id), originalKey(id), ...file.renditions.map((r) => r.key)];
  try {
    await ctx.store.delete(keys);
  } catch (error) {
    ctx.logger.warn({ err: error, fileId: id }, 'could not delete a file’s bytes');
  }
}

// ---------------------------------------------------------------------------------------------
// The internal routes: attaching files to what owns them.

function attachedView(ctx: MediaContext, file: FileDoc): AttachedFile {
  const key = originalKey(String(file._id));
  return {
    id: String(file._id),
    url: PURPOSES[file.purpose].public ? publicLink(ctx, key) : null,
    renditions: file.renditions.map((r) => ({ width: r.width, height: r.height, url: publicLink(ctx, r.key) })),
  };
}

/**
 * Checks and attaches the files of one attachment (see shared/src/internal/media.ts): each file in
 * one conditional update (READY, the uploader's, the purpose, attached to nothing or to this very
 * attachment); when one fails, those this call attached are let go again.
 */
export async function attachFiles(ctx: MediaContext, request: AttachFilesRequest): Promise<AttachFilesResponse> {
  const ids = request.fileIds.map((id) => id.toLowerCase());
  const problems: Extract<AttachFilesResponse, { ok: false }>['problems'] = [];
  const found = await ctx.models.File.find({ _id: { $in: ids.filter(isObjectId) } })
    .lean<FileDoc[]>()
    .exec();
  const byId = new Map(found.map((f) => [String(f._id), f]));
  ids.forEach((id, index) => {
    const file = byId.get(id);
    if (ids.indexOf(id) !== index)
      problems.push({ fileId: id, index, reason: 'ATTACHED_ELSEWHERE', message: 'The same file is given twice.' });
    else if (!file || file.uploaderId !== request.uploaderId)
      problems.push({ fileId: id, index, reason: 'NOT_FOUND', message: 'There is no such file of yours.' });
    else if (file.purpose !== request.purpose)
      problems.push({
        fileId: id,
        index,
        reason: 'WRONG_PURPOSE',
        message: `The file was uploaded as ${file.purpose}, not ${request.purpose}.`,
      });
    else if (file.status !== 'READY')
      problems.push({ fileId: id, index, reason: 'NOT_READY', message: `The file is ${file.status}, not READY.` });
    else if (file.attachedTo !== null && file.attachedTo !== request.attachment)
      problems.push({ fileId: id, index, reason: 'ATTACHED_ELSEWHERE', message: 'The file is already attached somewhere else.' });
  });
  if (problems.length) return { ok: false, problems };

  const attached: FileDoc[] = [];
  const newlyAttached: FileDoc[] = [];
  for (const [index, id] of ids.entries()) {
    const before = byId.get(id)!;
    const file = await ctx.models.File.findOneAndUpdate(
      {
        _id: before._id,
        uploaderId: request.uploaderId,
        purpose: request.purpose,
        status: 'READY',
        attachedTo: { $in: [null, request.attachment] },
      },
      { $set: { attachedTo: request.attachment }, $addToSet: { readers: { $each: request.readers } } },
      { returnDocument: 'after' },
    )
      .lean<FileDoc>()
      .exec();
    if (!file) {
      for (const undo of newlyAttached) {
        await ctx.models.File.updateOne(
          { _id: undo._id, attachedTo: request.attachment },
          { $set: { attachedTo: null, readers: undo.readers } },
        ).exec();
      }
      return {
        ok: false,
        problems: [{ fileId: id, index, reason: 'ATTACHED_ELSEWHERE', message: 'The file changed meanwhile (attached or deleted).' }],
      };
    }
    attached.push(file);
    if (before.attachedTo === null) newlyAttached.push(before);
  }
  return { ok: true, files: attached.map((f) => attachedView(ctx, f)) };
}

/** Lets go of an attachment's files (all but `keep`): unattached, they are deleted 24 hours later unless attached again. */
export async function detachFiles(ctx: MediaContext, request: DetachFilesRequest): Promise<number> {
  const keep = (request.keep ?? []).filter(isObjectId).map((id) => id.toLowerCase());
  const { modifiedCount } = await ctx.models.File.updateMany(
    { attachedTo: request.attachment, _id: { $nin: keep } },
    { $set: { attachedTo: null, readers: [], readyAt: ctx.clock() } },
  ).exec();
  return modifiedCount;
}

// ---------------------------------------------------------------------------------------------
// The cleanup job.

/**
 * Deletes, with their bytes, the PENDING files created before `now - 24 h` and the READY files that
 * nothing attached by `now - 24 h` after they became READY (REJECTED ones too: their bytes went at
 * once). Each file is deleted by one conditional delete, so a file attached meanwhile stays.
 */
export async function deleteUnusedFiles(ctx: MediaContext): Promise<number> {
  const before = new Date(ctx.clock().getTime() - UNUSED_FILE_MS);
  const conditions: QueryFilter<FileDoc>[] = [
    { status: 'PENDING', createdAt: { $lt: before } },
    { status: 'REJECTED', createdAt: { $lt: before } },
    { status: 'READY', attachedTo: null, readyAt: { $lt: before } },
  ];
  let deleted = 0;
  for (const condition of conditions) {
    const files = await ctx.models.File.find(condition).limit(500).lean<FileDoc[]>().exec();
    for (const file of files) {
      const { deletedCount } = await ctx.models.File.deleteOne({ _id: file._id, ...condition }).exec();
      if (!deletedCount) continue;
      deleted += 1;
      await deleteBytes(ctx, file);
    }
  }
  return deleted;
}

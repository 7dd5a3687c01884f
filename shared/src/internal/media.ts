import { GraphQLError } from 'graphql';
import { callInternal } from '../auth/service-token.js';
import { ErrorCode, userError, UserErrorsException, type UserErrorCode } from '../errors.js';

/**
 * What the subgraphs that own attachments (gigs: a gallery, users: an avatar, orders: a delivery,
 * inbox: a message) ask the media service before they store file ids, over its internal endpoints
 * (service credential required, not reachable through the gateway).
 *
 * `POST {MEDIA_URL}/internal/media/attach` checks every file (it exists, is READY, was uploaded by
 * `uploaderId` for `purpose`, and is attached nowhere else: attaching again to the same `attachment`
 * is fine) and attaches it to `attachment`, granting `readers` read access, each file in one
 * conditional update; when any file fails, the ones attached by this call are detached again and the
 * answer lists the problems. `POST {MEDIA_URL}/internal/media/detach` lets go of an attachment's files
 * (all of them, or all but `keep`): they are deleted 24 hours later unless attached again.
 */
export const MEDIA_ATTACH_ROUTE = '/internal/media/attach';
export const MEDIA_DETACH_ROUTE = '/internal/media/detach';

export type MediaPurpose = 'GIG_IMAGE' | 'AVATAR' | 'DELIVERY' | 'MESSAGE_ATTACHMENT';

export interface AttachFilesRequest {
  fileIds: string[];
  uploaderId: string;
  purpose: MediaPurpose;
  /** What the files belong to: `gig:<id>`, `user:<id>`, `delivery:<orderId>:<n>`, `message:<id>`. */
  attachment: string;
  /** Members who may read the files from now on besides the uploader (the order's buyer, the conversation's participants). */
  readers: string[];
}

/** Why one file cannot be attached. */
export type AttachProblemReason = 'NOT_FOUND' | 'NOT_READY' | 'WRONG_PURPOSE' | 'ATTACHED_ELSEWHERE';

export interface AttachedFile {
  id: string;
  /** The file's permanent public link (GIG_IMAGE, AVATAR), null for private files. */
  url: string | null;
  /** Permanent links of its renditions by width (images). */
  renditions: Array<{ width: number; height: number; url: string }>;
}

export type AttachFilesResponse =
  | { ok: true; files: AttachedFile[] }
  | { ok: false; problems: Array<{ fileId: string; index: number; reason: AttachProblemReason; message: string }> };

export interface DetachFilesRequest {
  attachment: string;
  /** Files of the attachment to keep attached. */
  keep?: string[];
}

export interface DetachFilesResponse {
  detached: number;
}

export interface MediaClient {
  attach(request: AttachFilesRequest, options?: { requestId?: string }): Promise<AttachFilesResponse>;
  detach(request: DetachFilesRequest, options?: { requestId?: string }): Promise<DetachFilesResponse>;
}

/** The media service's internal endpoints for a peer. */
export function createMediaClient(options: { mediaUrl: string; serviceToken: string }): MediaClient {
  const call = <T>(route: string, body: unknown, requestId?: string) =>
    callInternal<T>(options.mediaUrl, route, body, { token: options.serviceToken, ...(requestId ? { requestId } : {}) });
  return {
    attach: (request, o) => call<AttachFilesResponse>(MEDIA_ATTACH_ROUTE, request, o?.requestId),
    detach: (request, o) => call<DetachFilesResponse>(MEDIA_DETACH_ROUTE, request, o?.requestId),
  };
}

/** The media client of a service whose MEDIA_URL is set; null without one (attaching is then unavailable). */
export function mediaClientFor(mediaUrl: string | undefined, serviceToken: string): MediaClient | null {
  return mediaUrl ? createMediaClient({ mediaUrl, serviceToken }) : null;
}

const PROBLEM_CODES: Record<AttachProblemReason, UserErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  NOT_READY: 'INVALID_STATE',
  WRONG_PURPOSE: 'INVALID',
  ATTACHED_ELSEWHERE: 'TAKEN',
};

function mediaUnavailable(): GraphQLError {
  return new GraphQLError('Files cannot be attached right now: the file service cannot be reached. Try again shortly.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
  });
}

/**
 * For a mutation that stores file ids: asks media to check and attach them (nothing to ask for an
 * empty list) and returns what it attached; each refused file becomes a user error on
 * `[...field, index]` (NOT_FOUND: not the viewer's or unknown; INVALID_STATE: not READY; INVALID:
 * another purpose; TAKEN: attached elsewhere or given twice). An unreachable media service is
 * SERVICE_UNAVAILABLE, and nothing was attached.
 */
export async function attachFilesOrRefuse(
  media: MediaClient | null,
  request: AttachFilesRequest,
  field: readonly string[],
  options: { requestId?: string } = {},
): Promise<AttachedFile[]> {
  if (request.fileIds.length === 0) return [];
  if (!media) throw mediaUnavailable();
  let answer: AttachFilesResponse;
  try {
    answer = await media.attach(request, options);
  } catch {
    throw mediaUnavailable();
  }
  if (!answer.ok) {
    throw new UserErrorsException(answer.problems.map((p) => userError([...field, String(p.index)], p.message, PROBLEM_CODES[p.reason])));
  }
  return answer.files;
}

/** Lets go of an attachment's files (all but `keep`), best effort: files left attached to nothing are the cleanup's. */
export async function detachFilesQuietly(
  media: MediaClient | null,
  request: DetachFilesRequest,
  logger: { warn(obj: object, msg: string): void },
): Promise<void> {
  if (!media) return;
  try {
    await media.detach(request);
  } catch (error) {
    logger.warn({ err: error, attachment: request.attachment }, 'could not let go of files at the media service');
  }
}

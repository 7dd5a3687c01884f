import { callInternal } from '../auth/service-token.js';

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

import type { Client } from 'urql';
import { graphql } from './gql';
import type { FilePurpose, UploadedFileFragment } from './gql/graphql';

/**
 * Staged uploads (services/media): the bytes never pass through GraphQL.
 *   1. createUpload declares the file (name, type, size, purpose) and answers a signed target;
 *   2. the bytes go to that target in one PUT, with the declared Content-Type (the browser sets the
 *      Content-Length from the body, and the signature covers both);
 *   3. completeUpload has them checked: the file ends READY, or REJECTED with a reason.
 */
export const UploadedFile = graphql(`
  fragment UploadedFile on File {
    id
    name
    contentType
    sizeBytes
    purpose
    status
    rejectionReason
    url
    renditions {
      width
      height
      url
    }
  }
`);

const CreateUpload = graphql(`
  mutation CreateUpload($input: CreateUploadInput!) {
    createUpload(input: $input) {
      file {
        id
        status
      }
      target {
        url
        method
        headers {
          name
          value
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const CompleteUpload = graphql(`
  mutation CompleteUpload($input: FileIdInput!) {
    completeUpload(input: $input) {
      file {
        ...UploadedFile
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const FileById = graphql(`
  query FileById($id: ID!) {
    file(id: $id) {
      ...UploadedFile
    }
  }
`);

/** An upload that did not end READY: the message is for people (the API's userError or rejection reason). */
export class UploadError extends Error {
  constructor(
    message: string,
    /** The file, when it exists (e.g. REJECTED). */
    readonly file?: UploadedFileFragment,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

export interface UploadOptions {
  /** Between two looks at a file still PROCESSING (default 1 s). */
  pollIntervalMs?: number;
  /** How many looks before giving up (default 60). */
  maxPolls?: number;
  /** Told each stage, e.g. for a status line. */
  onStage?: (stage: 'declaring' | 'sending' | 'checking') => void;
}

/** Headers the browser sets itself (fetch refuses to set them). */
const FORBIDDEN_HEADERS = new Set(['content-length', 'host', 'connection']);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Uploads one file for a purpose and resolves with it READY; throws an UploadError (a declaration
 * refused, the bytes refused by the store, or the file REJECTED: its reason) otherwise.
 */
export async function uploadFile(
  client: Client,
  purpose: FilePurpose,
  file: File,
  options: UploadOptions = {},
): Promise<UploadedFileFragment> {
  const contentType = file.type || 'application/octet-stream';
  options.onStage?.('declaring');
  const created = await client
    .mutation(CreateUpload, { input: { purpose, name: file.name, contentType, sizeBytes: file.size } })
    .toPromise();
  if (created.error) throw new UploadError(created.error.graphQLErrors[0]?.message ?? 'The upload could not be started; try again.');
  const payload = created.data?.createUpload;
  const [refused] = payload?.userErrors ?? [];
  if (refused) throw new UploadError(refused.message);
  if (!payload?.file || !payload.target) throw new UploadError('The upload could not be started; try again.');

  options.onStage?.('sending');
  const headers = new Headers();
  for (const h of payload.target.headers) if (!FORBIDDEN_HEADERS.has(h.name.toLowerCase())) headers.set(h.name, h.value);
  let sent: Response;
  try {
    sent = await fetch(payload.target.url, { method: payload.target.method, headers, body: file });
  } catch {
    throw new UploadError('The file could not be sent (network error); try again.');
  }
  if (!sent.ok) {
    const answer = (await sent.json().catch(() => null)) as { error?: unknown } | null;
    throw new UploadError(typeof answer?.error === 'string' ? answer.error : `The file was refused (HTTP ${sent.status}).`);
  }

  options.onStage?.('checking');
  const completed = await client.mutation(CompleteUpload, { input: { fileId: payload.file.id } }).toPromise();
  const [notCompleted] = completed.data?.completeUpload.userErrors ?? [];
  if (notCompleted) throw new UploadError(notCompleted.message);
  let current = completed.data?.completeUpload.file ?? null;
  // completeUpload answers once the checks are done; a file still PROCESSING (a slow check) is looked at again.
  for (let i = 0; current?.status !== 'READY' && current?.status !== 'REJECTED' && i < (options.maxPolls ?? 60); i++) {
    await sleep(options.pollIntervalMs ?? 1000);
    const looked = await client.query(FileById, { id: payload.file.id }, { requestPolicy: 'network-only' }).toPromise();
    current = looked.data?.file ?? current;
  }
  if (current?.status === 'REJECTED')
    throw new UploadError(`${file.name} was refused: ${current.rejectionReason ?? 'no reason given'}`, current);
  if (current?.status !== 'READY') throw new UploadError(`${file.name} is still being checked; try again shortly.`);
  return current;
}

/** A size for people: 2.4 MB, 830 KB, 12 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useClient } from 'urql';
import type { FilePurpose, UploadedFileFragment } from './gql/graphql';
import { FileById, formatBytes, uploadFile, UploadError } from './upload';

/** One file chosen in a FileUploads: being uploaded, READY, or refused (with the reason). */
interface UploadItem {
  key: number;
  name: string;
  state: 'uploading' | 'ready' | 'failed';
  stage?: string;
  file?: UploadedFileFragment;
  error?: string;
}

const STAGE_LABEL: Record<string, string> = { declaring: 'starting…', sending: 'sending…', checking: 'checking…' };

/**
 * A file input that uploads what is chosen at once (src/upload.ts) and lists each file: its
 * progress, a thumbnail for images, the reason a refused one was refused, and Remove. The parent
 * gets the ids of the READY files (to attach: imageIds, fileIds, attachmentIds) and whether any
 * upload is still going (to hold its submit button). Remount it (a new `key`) to empty it.
 */
export function FileUploads({
  purpose,
  name,
  accept,
  max,
  onChange,
  onBusyChange,
}: {
  purpose: FilePurpose;
  /** The input's name (tests and labels). */
  name: string;
  accept?: string;
  max: number;
  onChange: (fileIds: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
}) {
  const client = useClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const nextKey = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const onChangeRef = useRef(onChange);
  const onBusyRef = useRef(onBusyChange);
  onChangeRef.current = onChange;
  onBusyRef.current = onBusyChange;

  const readyIds = items.flatMap((i) => (i.state === 'ready' && i.file ? [i.file.id] : [])).join(',');
  const busy = items.some((i) => i.state === 'uploading');
  useEffect(() => onChangeRef.current(readyIds ? readyIds.split(',') : []), [readyIds]);
  useEffect(() => onBusyRef.current?.(busy), [busy]);

  const update = (key: number, patch: Partial<UploadItem>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  function choose(files: FileList | null) {
    const chosen = Array.from(files ?? []).slice(0, Math.max(0, max - items.filter((i) => i.state !== 'failed').length));
    if (inputRef.current) inputRef.current.value = '';
    for (const file of chosen) {
      const key = nextKey.current++;
      setItems((all) => [...all, { key, name: file.name, state: 'uploading' }]);
      uploadFile(client, purpose, file, { onStage: (stage) => update(key, { stage }) })
        .then((uploaded) => update(key, { state: 'ready', file: uploaded }))
        .catch((error: unknown) =>
          update(key, {
            state: 'failed',
            error: error instanceof UploadError ? error.message : 'The upload failed; try again.',
          }),
        );
    }
  }

  const full = items.filter((i) => i.state !== 'failed').length >= max;
  return (
    <span className="stack uploads" data-uploads={name}>
      <input
        ref={inputRef}
        type="file"
        name={name}
        multiple={max > 1}
        accept={accept}
        disabled={full}
        onChange={(e) => choose(e.target.files)}
      />
      {items.length > 0 && (
        <ul className="upload-list">
          {items.map((item) => {
            const thumb = item.file?.renditions[0]?.url;
            return (
              <li key={item.key} data-testid="upload" data-state={item.state}>
                {thumb && <img src={thumb} alt="" width={80} />} <span>{item.name}</span>{' '}
                {item.state === 'uploading' && <span className="muted">{STAGE_LABEL[item.stage ?? ''] ?? 'uploading…'}</span>}
                {item.state === 'ready' && item.file && <span className="muted">ready · {formatBytes(item.file.sizeBytes)}</span>}
                {item.state === 'failed' && (
                  <small className="field-error" role="alert">
                    {item.error}
                  </small>
                )}{' '}
                {item.state !== 'uploading' && (
                  <button type="button" className="link" onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))}>
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </span>
  );
}

/**
 * A download link of a DELIVERY or MESSAGE_ATTACHMENT file. Its links are signed for the viewer
 * and expire after 15 minutes, so a click asks the API for a fresh one (file(id)) and follows that.
 */
export function FileLink({ file }: { file: Pick<UploadedFileFragment, 'id' | 'name' | 'sizeBytes' | 'url'> }) {
  const client = useClient();
  const [problem, setProblem] = useState<string | null>(null);

  async function open(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setProblem(null);
    const fresh = await client.query(FileById, { id: file.id }, { requestPolicy: 'network-only' }).toPromise();
    const url = fresh.data?.file?.url;
    if (!url) {
      setProblem(fresh.error ? 'The file cannot be reached right now; try again shortly.' : 'This file is no longer available.');
      return;
    }
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  }

  return (
    <span className="file-link" data-testid="file">
      <a href={file.url ?? '#'} download={file.name} onClick={(e) => void open(e)}>
        {file.name}
      </a>{' '}
      <span className="muted">({formatBytes(file.sizeBytes)})</span>
      {problem && (
        <small className="field-error" role="alert">
          {' '}
          {problem}
        </small>
      )}
    </span>
  );
}

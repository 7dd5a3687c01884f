import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import type { FilePurpose } from '../../generated/resolvers.js';
import { renditionKey, type FileStore } from '../storage/index.js';
import type { RenditionDoc } from './model.js';
import { cleanCopyVerdict, contentVerdict, imageVerdict, PURPOSES, renditionWidths } from './rules.js';

/** How many first bytes the type sniffing reads (what file-type needs for every format it knows). */
const SNIFF_BYTES = 4100;

/** The copy without metadata that a check is about to store in place of the upload, recorded on the file first. */
export interface CleanCopy {
  sizeBytes: number;
  sha256: string;
}

export type Inspection =
  { ok: true; contentType: string; sha256: string; sizeBytes: number; renditions: RenditionDoc[] } | { ok: false; reason: string };

/** Metadata that can tell who took a picture, where and when: EXIF (camera, GPS position, time), XMP, IPTC. */
const carriesPersonalMetadata = (metadata: Metadata) => Boolean(metadata.exif ?? metadata.xmp ?? metadata.iptc);

/**
 * The image without its EXIF, XMP and IPTC metadata, in its own format: the orientation the EXIF
 * asked for applied to the pixels (the tag goes with the rest), the colour profile kept. PNG stays
 * lossless; JPEG and WebP are encoded again at a quality that shows no difference at full size.
 */
function withoutPersonalMetadata(bytes: Buffer, format: Metadata['format']): Promise<Buffer> {
  const image = sharp(bytes, { failOn: 'error' }).rotate().keepIccProfile();
  if (format === 'png') return image.png({ compressionLevel: 9 }).toBuffer();
  if (format === 'webp') return image.webp({ quality: 90 }).toBuffer();
  return image.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
}

/**
 * The checks of completeUpload, on the bytes in the store at `key`: the size, the type sniffed from
 * the content (file-type's magic numbers), the SHA-256 (one streaming pass: a 1 GB delivery never
 * sits in memory), and for images the decoding, the minimum size and the WebP renditions (written to
 * the store; EXIF and other metadata are not copied into them). Images are public (gig pictures,
 * avatars): one that carries EXIF, XMP or IPTC metadata (a phone photo's GPS position, the camera's
 * owner) is replaced in the store by a copy without it, and the SHA-256 and size returned are the
 * stored copy's, the bytes every link serves. The copy is checked against the purpose's size limit
 * (re-encoding can make an image larger), and `recordCopy` is awaited before it overwrites the
 * upload: a check taken over after a crash finds either the upload or the recorded copy (`cleaned`,
 * recognised by its size and SHA-256) and accepts both. Store failures throw StoreUnavailableError;
 * everything wrong with the bytes is a verdict.
 */
export async function inspectUpload(
  store: FileStore,
  file: {
    id: string;
    key: string;
    purpose: FilePurpose;
    contentType: string;
    sizeBytes: number;
    name: string;
    cleaned: CleanCopy | null;
  },
  recordCopy: (copy: CleanCopy) => Promise<void>,
): Promise<Inspection> {
  const stored = await store.stat(file.key);
  // An earlier check of this file may have replaced the upload by its copy without metadata.
  const maybeCopy = file.cleaned && stored?.sizeBytes === file.cleaned.sizeBytes ? file.cleaned : null;
  if (!stored || (stored.sizeBytes !== file.sizeBytes && !maybeCopy)) {
    const verdict = contentVerdict(file, { sizeBytes: stored?.sizeBytes ?? null, sniffedType: null });
    return verdict.ok ? { ok: false, reason: 'The file could not be checked.' } : verdict;
  }
  const rules = PURPOSES[file.purpose];
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  // Images are at most 10 MB (their purposes' limit, checked above): kept whole for decoding.
  const whole: Buffer[] = [];
  let total = 0;
  for await (const chunk of await store.read(file.key)) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    total += buffer.length;
    if (headBytes < SNIFF_BYTES) {
      head.push(buffer);
      headBytes += buffer.length;
    }
    if (rules.image) whole.push(buffer);
  }
  const sha256 = hash.digest('hex');
  const isCopy = maybeCopy !== null && total === maybeCopy.sizeBytes && sha256 === maybeCopy.sha256;
  const expected = isCopy ? { ...file, sizeBytes: total } : file;
  if (total !== expected.sizeBytes) return { ok: false, reason: `The file has ${total} bytes, not the ${file.sizeBytes} declared.` };
  const sniffed = await fileTypeFromBuffer(Buffer.concat(head).subarray(0, SNIFF_BYTES));
  const verdict = contentVerdict(expected, { sizeBytes: total, sniffedType: sniffed?.mime ?? null });
  if (!verdict.ok) return verdict;
  if (!rules.image) return { ok: true, contentType: verdict.contentType, sha256, sizeBytes: total, renditions: [] };

  const bytes = Buffer.concat(whole);
  let size: { width: number; height: number };
  let metadata: Metadata;
  try {
    // failOn 'error': a truncated or damaged image is refused, not rendered half grey.
    metadata = await sharp(bytes, { failOn: 'error' }).metadata();
    const swapped = (metadata.orientation ?? 1) >= 5;
    size = swapped ? { width: metadata.height, height: metadata.width } : { width: metadata.width, height: metadata.height };
  } catch {
    return { ok: false, reason: 'The image could not be decoded: it is damaged or not an image.' };
  }
  const sized = imageVerdict(file.purpose, size);
  if (!sized.ok) return sized;
  const renditions: RenditionDoc[] = [];
  for (const width of renditionWidths(size.width)) {
    let output: { data: Buffer; info: OutputInfo };
    try {
      // rotate(): the EXIF orientation applied; sharp writes no metadata unless asked (keepMetadata).
      output = await sharp(bytes, { failOn: 'error' })
        .rotate()
        .resize({ width })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
    } catch {
      return { ok: false, reason: 'The image could not be decoded: it is damaged or not an image.' };
    }
    const key = renditionKey(file.id, width);
    await store.write(key, output.data, 'image/webp');
    renditions.push({ width: output.info.width, height: output.info.height, key });
  }
  if (!carriesPersonalMetadata(metadata)) return { ok: true, contentType: verdict.contentType, sha256, sizeBytes: total, renditions };
  let stripped: Buffer;
  try {
    stripped = await withoutPersonalMetadata(bytes, metadata.format);
  } catch {
    return { ok: false, reason: 'The image could not be decoded: it is damaged or not an image.' };
  }
  const copyChecked = cleanCopyVerdict(file.purpose, stripped.length);
  if (!copyChecked.ok) return copyChecked;
  const copy = { sizeBytes: stripped.length, sha256: createHash('sha256').update(stripped).digest('hex') };
  await recordCopy(copy);
  await store.write(file.key, stripped, verdict.contentType);
  return { ok: true, contentType: verdict.contentType, sha256: copy.sha256, sizeBytes: copy.sizeBytes, renditions };
}

import { rule, text } from '@gigmart/shared';
import { z } from 'zod';
import type { FilePurpose } from '../../generated/resolvers.js';

/** The rules of files: what each purpose accepts, and the verdict on the bytes. Pure. */

export const MB = 1024 * 1024;
/** How long an upload link is valid. */
export const UPLOAD_LINK_MS = 15 * 60_000;
/** How long a DELIVERY or MESSAGE_ATTACHMENT download link is valid. */
export const PRIVATE_LINK_MS = 15 * 60_000;
/** PENDING files, and READY files attached to nothing, are deleted this long after (createUpload, READY). */
export const UNUSED_FILE_MS = 24 * 60 * 60_000;
/** At most this many PENDING uploads per member. */
export const MAX_PENDING_UPLOADS = 20;
/** The widths of an image's WebP renditions (never wider than the original). */
export const RENDITION_WIDTHS = [400, 1200] as const;
export const MAX_NAME_LENGTH = 255;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface PurposeRules {
  /** The content types allowed; null: any but executables. */
  types: readonly string[] | null;
  maxBytes: number;
  /** Images: decoded, renditions made. */
  image: boolean;
  minWidth?: number;
  minHeight?: number;
  /** READY files of this purpose are readable by everyone, with permanent links. */
  public: boolean;
  /** How the limit reads in a message. */
  limitText: string;
}

export const PURPOSES: Readonly<Record<FilePurpose, PurposeRules>> = {
  GIG_IMAGE: { types: IMAGE_TYPES, maxBytes: 10 * MB, image: true, minWidth: 400, minHeight: 300, public: true, limitText: '10 MB' },
  AVATAR: { types: IMAGE_TYPES, maxBytes: 5 * MB, image: true, public: true, limitText: '5 MB' },
  DELIVERY: { types: null, maxBytes: 1024 * MB, image: false, public: false, limitText: '1 GB' },
  MESSAGE_ATTACHMENT: { types: null, maxBytes: 100 * MB, image: false, public: false, limitText: '100 MB' },
};

/** Types of programs a member could be tricked into running: refused for every purpose, declared or sniffed. */
export const EXECUTABLE_TYPES: ReadonlySet<string> = new Set([
  'application/x-msdownload',
  'application/x-dosexec',
  'application/x-msdos-program',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/x-elf',
  'application/x-sharedlib',
  'application/x-mach-binary',
  'application/x-mach-o-executable',
  'application/x-msi',
  'application/x-ms-installer',
  'application/x-sh',
  'application/x-shellscript',
  'application/x-bat',
  'application/x-msbatch',
  'application/java-archive',
  'application/x-java-archive',
  'application/vnd.android.package-archive',
  'application/x-apple-diskimage',
  'application/wasm',
]);
const EXECUTABLE_EXTENSIONS = /\.(exe|dll|com|scr|msi|msp|bat|cmd|ps1|vbs|js|jse|wsf|sh|jar|apk|app|dmg|elf|so|dylib|wasm)$/i;

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/** True for a type or a name that says "program". */
export function isExecutable(contentType: string, name?: string): boolean {
  return EXECUTABLE_TYPES.has(contentType) || (name !== undefined && EXECUTABLE_EXTENSIONS.test(name));
}

/** createUpload's input: a name without a path, a type the purpose takes, a size within its limit. */
export const createUploadInput = z
  .object({
    purpose: z.enum(['GIG_IMAGE', 'AVATAR', 'DELIVERY', 'MESSAGE_ATTACHMENT']),
    name: text({ label: 'A file name', min: 1, max: MAX_NAME_LENGTH }).refine(
      (name) => !/[/\\]/.test(name) && name !== '.' && name !== '..',
      rule('A file name must not contain a path: give the name alone, e.g. "logo.png".', 'INVALID'),
    ),
    contentType: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .refine((value) => MIME.test(value), rule('A content type must look like "image/png".', 'INVALID')),
    sizeBytes: z.number().refine((n) => Number.isInteger(n) && n >= 1, rule('A file must not be empty.', 'TOO_SHORT')),
  })
  .superRefine((input, ctx) => {
    const purpose = PURPOSES[input.purpose];
    if (purpose.types && !purpose.types.includes(input.contentType)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contentType'],
        ...rule(`A ${purposeNoun(input.purpose)} must be a JPEG, PNG or WebP image.`, 'INVALID'),
      });
    } else if (isExecutable(input.contentType, input.name)) {
      ctx.addIssue({ code: 'custom', path: ['contentType'], ...rule('Programs (executables) are not accepted.', 'INVALID') });
    }
    if (input.sizeBytes > purpose.maxBytes) {
      ctx.addIssue({
        code: 'custom',
        path: ['sizeBytes'],
        ...rule(`A ${purposeNoun(input.purpose)} must be at most ${purpose.limitText}.`, 'TOO_LONG'),
      });
    }
  });
export type CreateUploadFields = z.output<typeof createUploadInput>;

export function purposeNoun(purpose: FilePurpose): string {
  return { GIG_IMAGE: 'gig image', AVATAR: 'avatar', DELIVERY: 'delivery file', MESSAGE_ATTACHMENT: 'message attachment' }[purpose];
}

/** What the checks found in the bytes. */
export interface ContentFacts {
  sizeBytes: number | null;
  /** The type sniffed from the first bytes; null when they match no known format. */
  sniffedType: string | null;
}

/**
 * The verdict on the bytes before any decoding: the size must equal the declared one, the sniffed
 * type must be allowed for the purpose (images: sniffed as JPEG, PNG or WebP; others: not a program).
 * Content no format matches keeps its declared type, unless that claims a known binary format.
 */
export function contentVerdict(
  declared: { purpose: FilePurpose; contentType: string; sizeBytes: number; name: string },
  facts: ContentFacts,
): { ok: true; contentType: string } | { ok: false; reason: string } {
  if (facts.sizeBytes === null) return { ok: false, reason: 'No bytes were received: send them to the upload link before completeUpload.' };
  if (facts.sizeBytes !== declared.sizeBytes) {
    return { ok: false, reason: `The file has ${facts.sizeBytes} bytes, not the ${declared.sizeBytes} declared.` };
  }
  const purpose = PURPOSES[declared.purpose];
  const sniffed = facts.sniffedType;
  if (sniffed && isExecutable(sniffed)) return { ok: false, reason: `The content is a program (${sniffed}), which is not accepted.` };
  if (purpose.types) {
    if (!sniffed || !purpose.types.includes(sniffed)) {
      return { ok: false, reason: `The content is ${sniffed ?? 'not a known image format'}, not a JPEG, PNG or WebP image.` };
    }
    return { ok: true, contentType: sniffed };
  }
  if (sniffed) return { ok: true, contentType: sniffed };
  // Text and formats without magic bytes: the declared type, unless it names a format we would have recognised.
  if (declared.contentType.startsWith('image/') || declared.contentType.startsWith('video/') || declared.contentType.startsWith('audio/')) {
    return { ok: false, reason: `The content is not the ${declared.contentType} declared.` };
  }
  return { ok: true, contentType: declared.contentType };
}

/** The image checks after decoding: the purpose's minimum size. */
export function imageVerdict(purpose: FilePurpose, size: { width: number; height: number }): { ok: true } | { ok: false; reason: string } {
  const rules = PURPOSES[purpose];
  if ((rules.minWidth && size.width < rules.minWidth) || (rules.minHeight && size.height < rules.minHeight)) {
    return {
      ok: false,
      reason: `The image is ${size.width}x${size.height} pixels; a ${purposeNoun(purpose)} must be at least ${rules.minWidth ?? 1}x${rules.minHeight ?? 1}.`,
    };
  }
  return { ok: true };
}

/** The copy of an image without its metadata (encoded again, so possibly larger): still within the purpose's limit. */
export function cleanCopyVerdict(purpose: FilePurpose, sizeBytes: number): { ok: true } | { ok: false; reason: string } {
  const rules = PURPOSES[purpose];
  if (sizeBytes <= rules.maxBytes) return { ok: true };
  return {
    ok: false,
    reason: `Without its metadata (camera, place) the image is ${sizeBytes} bytes, over the ${rules.limitText} limit of ${purpose === 'AVATAR' ? 'an' : 'a'} ${purposeNoun(purpose)}; send a smaller image.`,
  };
}

/** The renditions' widths for an image `width` pixels wide: each target, never wider than the original, no duplicates. */
export function renditionWidths(width: number): number[] {
  return [...new Set(RENDITION_WIDTHS.map((target) => Math.min(target, width)))];
}

/**
 * A free pending slot ("p0".."p19") of a member, or null at the limit; `pick` in [0, 1) chooses among
 * the free ones, so that concurrent uploads rarely race for the same slot.
 */
export function freePendingSlot(taken: readonly string[], pick = 0): string | null {
  const free = Array.from({ length: MAX_PENDING_UPLOADS }, (_, i) => `p${i}`).filter((slot) => !taken.includes(slot));
  return free.length ? free[Math.floor(pick * free.length)]! : null;
}

/** What a file's pending slot becomes once it leaves PENDING: its own id, free for the unique index. */
export const releasedSlot = (fileId: string): string => `done:${fileId}`;

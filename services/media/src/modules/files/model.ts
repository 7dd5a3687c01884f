import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { FilePurpose, FileStatus } from '../../generated/resolvers.js';

/** One WebP rendition of a READY image, kept under `key` in the store. */
export interface RenditionDoc {
  width: number;
  height: number;
  key: string;
}

/**
 * One uploaded file: what was declared (name, type, size, purpose), what the checks found (the real
 * type, SHA-256, renditions), and who may read it. Every change of state is one conditional update of
 * this document.
 *
 * `pendingSlot` makes the limit of 20 PENDING uploads per member hold under concurrency: a PENDING
 * file holds one of "p0".."p19", unique per member (index `uploaderId, pendingSlot`); leaving PENDING
 * frees it (`done:<id>`). `attachedTo` names what the file belongs to (`gig:<id>`, `user:<id>`,
 * `delivery:<orderId>:<n>`, `message:<id>`), null until attached; `readers` are the members the
 * attachment granted read access to (the order's buyer, the conversation's participants).
 */
export interface FileDoc {
  _id: Types.ObjectId;
  uploaderId: string;
  purpose: FilePurpose;
  name: string;
  /** The declared type until the checks, then the type the bytes really have. */
  contentType: string;
  declaredType: string;
  sizeBytes: number;
  status: FileStatus;
  rejectionReason: string | null;
  sha256: string | null;
  pendingSlot: string;
  renditions: RenditionDoc[];
  attachedTo: string | null;
  readers: string[];
  createdAt: Date;
  /** When it became READY (or was detached again): unattached READY files are deleted 24 hours after. */
  readyAt: Date | null;
  processingAt: Date | null;
  /**
   * Set by the check just before it replaces a public image's upload with its copy without
   * metadata: what that copy is, so a check taken over after a crash recognises it.
   */
  cleaned: { sizeBytes: number; sha256: string } | null;
}

const renditionSchema = new Schema<RenditionDoc>(
  {
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    key: { type: String, required: true },
  },
  { _id: false },
);

const fileSchema = new Schema<FileDoc>({
  uploaderId: { type: String, required: true },
  purpose: { type: String, required: true },
  name: { type: String, required: true },
  contentType: { type: String, required: true },
  declaredType: { type: String, required: true },
  sizeBytes: { type: Number, required: true },
  status: { type: String, required: true },
  rejectionReason: { type: String, default: null },
  sha256: { type: String, default: null },
  pendingSlot: { type: String, required: true },
  renditions: { type: [renditionSchema], default: [] },
  attachedTo: { type: String, default: null },
  readers: { type: [String], default: [] },
  createdAt: { type: Date, required: true },
  readyAt: { type: Date, default: null },
  processingAt: { type: Date, default: null },
  cleaned: { type: new Schema({ sizeBytes: Number, sha256: String }, { _id: false }), default: null },
});
fileSchema.index({ uploaderId: 1, pendingSlot: 1 }, { unique: true });
fileSchema.index({ status: 1, createdAt: 1 });
fileSchema.index({ status: 1, attachedTo: 1, readyAt: 1 });
fileSchema.index({ attachedTo: 1 });

export type FileModel = Model<FileDoc>;

export function fileModel(connection: Connection): FileModel {
  return connection.model<FileDoc>('File', fileSchema, 'files');
}

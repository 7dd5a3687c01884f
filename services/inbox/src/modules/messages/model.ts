import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * A message of a conversation, in its own collection (a thread grows without limit). `seq` is its
 * place in the conversation (1, 2, ...), given by the conversation's update that counted it, so
 * the order is the same for everyone whatever the clocks. `aSent` / `bSent` are the conversation's
 * counts of each side's messages once this one was counted, and `authorSeq` the author's own: a
 * read mark "up to this message" is one of these numbers.
 *
 * Indexes: `conversationId + seq` unique (a thread, newest first); `conversationId, authorId,
 * authorSeq` (stamping readAt on the messages a read mark covers).
 */
export interface MessageDoc {
  _id: Types.ObjectId;
  conversationId: Types.ObjectId;
  authorId: string;
  body: string;
  /**
   * The custom offer (an id of the orders service) the message carries; absent on members' own
   * messages. A message carrying an offer has the offer's id as its own (modules/offers).
   */
  offerId?: string | null;
  /** MESSAGE_ATTACHMENT files at the media service, attached to `message:<id>` with both members as readers; absent on older messages. */
  attachmentIds?: string[];
  sentAt: Date;
  seq: number;
  authorSeq: number;
  aSent: number;
  bSent: number;
  /** When the recipient read it; null while unread. */
  readAt: Date | null;
}

const messageSchema = new Schema<MessageDoc>({
  conversationId: { type: Schema.Types.ObjectId, required: true },
  authorId: { type: String, required: true },
  body: { type: String, default: '' },
  offerId: { type: String, default: null },
  attachmentIds: { type: [String], default: [] },
  sentAt: { type: Date, required: true },
  seq: { type: Number, required: true },
  authorSeq: { type: Number, required: true },
  aSent: { type: Number, required: true },
  bSent: { type: Number, required: true },
  readAt: { type: Date, default: null },
});
messageSchema.index({ conversationId: 1, seq: -1 }, { unique: true });
messageSchema.index({ conversationId: 1, authorId: 1, authorSeq: 1 });

export type MessageModel = Model<MessageDoc>;

export function messageModel(connection: Connection): MessageModel {
  return connection.model<MessageDoc>('Message', messageSchema, 'messages');
}

import { Schema, type Connection, type Types } from 'mongoose';

/**
 * Order messages live in their own collection: a thread can grow without limit, and a document
 * cannot. Index: `orderId + sentAt + _id` (a thread, oldest first).
 */
export interface MessageDoc {
  _id: Types.ObjectId;
  orderId: Types.ObjectId;
  authorId: string;
  body: string;
  sentAt: Date;
}

const messageSchema = new Schema<MessageDoc>({
  orderId: { type: Schema.Types.ObjectId, required: true },
  authorId: { type: String, required: true },
  body: { type: String, required: true },
  sentAt: { type: Date, required: true },
});
messageSchema.index({ orderId: 1, sentAt: 1, _id: 1 });

export function messageModel(connection: Connection) {
  return connection.model<MessageDoc>('OrderMessage', messageSchema, 'messages');
}
export type MessageModel = ReturnType<typeof messageModel>;

import {
  attachFilesOrRefuse,
  detachFilesQuietly,
  failWith,
  findPage,
  isObjectId,
  newId,
  parseInput,
  requireMember,
  type Connection,
} from '@gigmart/shared';
import { Types } from 'mongoose';
import type { InboxContext } from '../../context.js';
import type { ConversationMessagesArgs, SendMessageInput } from '../../generated/resolvers.js';
import { countMessage, findVisibleConversation, type ConversationDoc, type CountedMessage } from '../conversations/index.js';
import { fingerprintOf, runIdempotent } from '../idempotency/index.js';
import { afterMessageStored } from '../live/index.js';
import type { MessageDoc } from './model.js';
import { MESSAGES_SORT, sendMessageFingerprintInput, sendMessageInput, type SendMessageFields } from './rules.js';

/** A page of messages (MessageConnection). */
export type MessagePage = Connection<MessageDoc>;

/** MessagePayload's message and conversation. */
export interface SentMessage {
  message: MessageDoc;
  conversation: ConversationDoc;
}

const noSuchMember = (): never => failWith(['input', 'recipientId'], 'There is no such member.', 'NOT_FOUND');

/**
 * Writes to another member, opening their conversation with the first message. Not to oneself
 * (INVALID), not to an unknown member (NOT_FOUND, asked of the users service's member directory),
 * not in a blocked conversation (INVALID_STATE), at most 20 new conversations a day
 * (LIMIT_REACHED). With an idempotency key, a repeat returns the first message.
 */
export async function sendMessage(ctx: InboxContext, input: SendMessageInput): Promise<SentMessage> {
  const { viewer } = await requireMember(ctx);
  const fields = parseInput(sendMessageInput, input);
  return runIdempotent(ctx, {
    memberId: viewer.id,
    operation: 'sendMessage',
    key: fields.idempotencyKey,
    fingerprint: fingerprintOf(sendMessageFingerprintInput(input)),
    run: async (plannedId) => {
      const sent = await deliver(ctx, viewer.id, fields, new Types.ObjectId(plannedId));
      return { resultId: String(sent.message._id), value: sent };
    },
    replay: (messageId) => sentAgain(ctx, messageId),
    planId: () => newId().toHexString(),
    stored: async (messageId) => (await ctx.models.Message.exists({ _id: messageId }).exec()) !== null,
  });
}

async function deliver(ctx: InboxContext, authorId: string, fields: SendMessageFields, messageId: Types.ObjectId): Promise<SentMessage> {
  if (!isObjectId(fields.recipientId)) return noSuchMember();
  const recipientId = fields.recipientId.toLowerCase();
  if (recipientId === authorId) failWith(['input', 'recipientId'], 'You cannot write to yourself.', 'INVALID');
  if (!(await ctx.members.get(recipientId))) return noSuchMember();
  const sentAt = ctx.clock();
  // The files first: media checks them (READY, the author's, MESSAGE_ATTACHMENT, attached nowhere
  // else) and lets both members read them; only then does the message name them.
  const attachmentIds = fields.attachmentIds ?? [];
  const attachment = `message:${String(messageId)}`;
  await attachFilesOrRefuse(
    ctx.media,
    { fileIds: attachmentIds, uploaderId: authorId, purpose: 'MESSAGE_ATTACHMENT', attachment, readers: [authorId, recipientId] },
    ['input', 'attachmentIds'],
    { requestId: ctx.requestId },
  );
  // The conversation counts the message first (one conditional update, refusing a blocked one);
  // the message is written with the place it was given.
  let counted: Awaited<ReturnType<typeof countMessage>>;
  try {
    counted = await countMessage(ctx, authorId, recipientId, messageId, sentAt);
  } catch (error) {
    if (attachmentIds.length) await detachFilesQuietly(ctx.media, { attachment }, ctx.logger);
    throw error;
  }
  const { conversation } = counted;
  const message = countedMessage(counted, { _id: messageId, authorId, body: fields.body, sentAt, attachmentIds });
  await ctx.models.Message.create(message);
  ctx.loaders.messageById.prime(String(messageId), message);
  await afterMessageStored(ctx, message, recipientId);
  return { message, conversation };
}

/** A message as stored, with the place in its conversation that countMessage gave it. */
export function countedMessage(
  { conversation, author }: CountedMessage,
  fields: Pick<MessageDoc, '_id' | 'authorId' | 'body' | 'sentAt'> & { offerId?: string; attachmentIds?: string[] },
): MessageDoc {
  return {
    ...fields,
    conversationId: conversation._id,
    seq: conversation.seq,
    authorSeq: author === 'a' ? conversation.aSent : conversation.bSent,
    aSent: conversation.aSent,
    bSent: conversation.bSent,
    readAt: null,
  };
}

/** The first result of a repeated sendMessage: its message, and the conversation as it is now. */
async function sentAgain(ctx: InboxContext, messageId: string): Promise<SentMessage> {
  const message = await ctx.loaders.messageById.load(messageId);
  const conversation = message ? await ctx.loaders.conversationById.load(String(message.conversationId)) : null;
  if (!message || !conversation) throw new Error(`message ${messageId} kept by an idempotency key is missing`);
  return { message, conversation };
}

/** Conversation.messages: newest first, a page of the thread. */
export function messagesOf(
  ctx: InboxContext,
  conversation: ConversationDoc,
  { first, after }: ConversationMessagesArgs,
): Promise<MessagePage> {
  return findPage<MessageDoc>(ctx.models.Message, { filter: { conversationId: conversation._id }, sort: MESSAGES_SORT, first, after });
}

/** Conversation.lastMessage: batched over a page of conversations. */
export async function lastMessageOf(ctx: InboxContext, conversation: ConversationDoc): Promise<MessageDoc | null> {
  return conversation.lastMessageId ? ctx.loaders.messageById.load(String(conversation.lastMessageId)) : null;
}

/** Message.conversation: a message's conversation always exists. */
export async function conversationOf(ctx: InboxContext, message: MessageDoc): Promise<ConversationDoc> {
  const conversation = await ctx.loaders.conversationById.load(String(message.conversationId));
  if (!conversation) throw new Error(`message ${String(message._id)} has no conversation`);
  return conversation;
}

/** A message by id (a reference from another subgraph): only for the two members of its conversation. */
export async function findVisibleMessage(ctx: InboxContext, id: string): Promise<MessageDoc | null> {
  if (!ctx.viewer || !isObjectId(id)) return null;
  const message = await ctx.loaders.messageById.load(id.toLowerCase());
  if (!message) return null;
  return (await findVisibleConversation(ctx, String(message.conversationId))) ? message : null;
}

import { charCount, list, rule, text } from '@gigmart/shared';
import type { SortSpec } from '@gigmart/shared';
import { z } from 'zod';

/** The rules of a message. Pure. */

export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_ATTACHMENTS = 10;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** A thread, newest first (by its place in the conversation). */
export const MESSAGES_SORT: SortSpec = { name: 'MESSAGES', keys: [{ field: 'seq', direction: -1 }] };

const idempotencyKey = z
  .string()
  .refine((key) => charCount(key) >= 1, rule('An idempotency key must not be empty.', 'TOO_SHORT'))
  .refine(
    (key) => charCount(key) <= MAX_IDEMPOTENCY_KEY_LENGTH,
    rule(`An idempotency key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`, 'TOO_LONG'),
  );

/**
 * sendMessage's input. The body is 0-5000 characters (multi-line, trimmed), empty only when the
 * message carries attachments (at most 10; the media service checks each) or an offer.
 */
export const sendMessageInput = z
  .object({
    recipientId: z.string(),
    body: text({ label: 'A message', max: MAX_MESSAGE_LENGTH, multiline: true }),
    attachmentIds: list(z.string(), { max: MAX_ATTACHMENTS, noun: 'attachments' }).nullish(),
    idempotencyKey: idempotencyKey.nullish(),
  })
  .refine((input) => input.body.length > 0 || Boolean(input.attachmentIds?.length), {
    ...rule('A message must not be empty.', 'TOO_SHORT'),
    path: ['body'],
    when: (payload) => typeof (payload.value as { body?: unknown } | null)?.body === 'string',
  });
export type SendMessageFields = z.output<typeof sendMessageInput>;

/** What a repeated sendMessage must match to be the same request: the input as the client sent it. */
export function sendMessageFingerprintInput(input: {
  recipientId: string;
  body: string;
  attachmentIds?: readonly string[] | null;
}): unknown[] {
  return [input.recipientId, input.body, input.attachmentIds ?? []];
}

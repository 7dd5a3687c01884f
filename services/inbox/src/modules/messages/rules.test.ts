import { parseInput } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { refusals } from '../../../test/harness.js';
import { sendMessageFingerprintInput, sendMessageInput } from './rules.js';

const to = '0123456789abcdef01234567';

describe('sendMessage input', () => {
  it('takes 1-5000 characters, multi-line, trimmed and counted in characters', () => {
    expect(parseInput(sendMessageInput, { recipientId: to, body: '  Hi!\r\n\tSecond line  ' }).body).toBe('Hi!\n\tSecond line');
    expect(parseInput(sendMessageInput, { recipientId: to, body: '👍'.repeat(5000) }).body).toHaveLength(10_000);
    expect(refusals(sendMessageInput, { recipientId: to, body: '  ' })).toEqual([
      ['input.body', 'TOO_SHORT', 'A message must not be empty.'],
    ]);
    expect(refusals(sendMessageInput, { recipientId: to, body: 'x'.repeat(5001) })).toEqual([
      ['input.body', 'TOO_LONG', 'A message must be at most 5000 characters.'],
    ]);
  });

  it('takes up to 10 attachments, with which the body may be empty, and reports every broken rule at once', () => {
    expect(refusals(sendMessageInput, { recipientId: to, body: 'Files', attachmentIds: [] })).toEqual([]);
    expect(refusals(sendMessageInput, { recipientId: to, body: '', attachmentIds: ['f1'] })).toEqual([]);
    expect(refusals(sendMessageInput, { recipientId: to, body: '', attachmentIds: [], idempotencyKey: '' })).toEqual([
      ['input.idempotencyKey', 'TOO_SHORT', 'An idempotency key must not be empty.'],
      ['input.body', 'TOO_SHORT', 'A message must not be empty.'],
    ]);
    expect(refusals(sendMessageInput, { recipientId: to, body: '', attachmentIds: Array.from({ length: 11 }, (_, i) => `f${i}`) })).toEqual(
      [['input.attachmentIds', 'TOO_LONG', 'Give at most 10 attachments.']],
    );
  });

  it('takes idempotency keys of 1-255 characters as they are', () => {
    expect(parseInput(sendMessageInput, { recipientId: to, body: 'x', idempotencyKey: ' k ' }).idempotencyKey).toBe(' k ');
    expect(refusals(sendMessageInput, { recipientId: to, body: 'x', idempotencyKey: 'k'.repeat(255) })).toEqual([]);
    expect(refusals(sendMessageInput, { recipientId: to, body: 'x', idempotencyKey: 'k'.repeat(256) })).toEqual([
      ['input.idempotencyKey', 'TOO_LONG', 'An idempotency key must be at most 255 characters.'],
    ]);
  });

  it('fingerprints the input as sent: no attachments and an empty list are the same request', () => {
    expect(sendMessageFingerprintInput({ recipientId: to, body: 'Hi' })).toEqual(
      sendMessageFingerprintInput({ recipientId: to, body: 'Hi', attachmentIds: [] }),
    );
    expect(sendMessageFingerprintInput({ recipientId: to, body: 'Hi' })).not.toEqual(
      sendMessageFingerprintInput({ recipientId: to, body: 'Hi ' }),
    );
  });
});

import { newId } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { appendUpdate, byActivity, listFilters, openedConversation, pairOf, readTarget, sideOf, viewOf, windowStartOf } from './rules.js';

const low = '0000000000000000000000aa';
const high = '0000000000000000000000bb';
const at = new Date('2026-06-01T10:00:00.000Z');

describe('conversation rules', () => {
  it('orders the pair the same way whoever writes first', () => {
    expect(pairOf(high, low)).toEqual({ pairKey: `${low}:${high}`, aId: low, bId: high });
    expect(pairOf(low, high)).toEqual(pairOf(high, low));
  });

  it('opens a conversation with its first message counted for the recipient', () => {
    const opened = openedConversation(pairOf(high, low), high, low, newId(), at, newId());
    expect(opened).toMatchObject({
      aId: low,
      bId: high,
      openedBy: high,
      recipientId: low,
      seq: 1,
      aSent: 0,
      bSent: 1,
      aUnread: 1,
      bUnread: 0,
    });
    expect(sideOf(opened, low)).toBe('a');
    expect(sideOf(opened, high)).toBe('b');
    expect(sideOf(opened, '0000000000000000000000cc')).toBeNull();
    expect(sideOf(opened, null)).toBeNull();
    expect(viewOf(opened, 'a')).toEqual({
      side: 'a',
      counterpartId: high,
      unreadCount: 1,
      starred: false,
      archived: false,
      blocked: false,
      blockedByViewer: false,
    });
  });

  it("counts a message for its author, unarchives for the counterpart, and marks the recipient's first reply", () => {
    const opened = openedConversation(pairOf(high, low), high, low, newId(), at, newId());
    const id = newId();
    expect(appendUpdate(opened, 'b', id, at)).toEqual({
      $inc: { seq: 1, bSent: 1, aUnread: 1 },
      $set: { lastMessageId: id, lastMessageAt: at, aArchived: false },
    });
    expect(appendUpdate(opened, 'a', id, at)).toEqual({
      $inc: { seq: 1, aSent: 1, bUnread: 1 },
      $set: { lastMessageId: id, lastMessageAt: at, bArchived: false },
      $min: { firstReplyAt: at },
    });
  });

  it("reads up to a message by the counterpart's count, never backwards", () => {
    const conversation = { ...openedConversation(pairOf(low, high), low, high, newId(), at, newId()), aSent: 5, bSent: 3, bRead: 2 };
    expect(readTarget(conversation, 'b', null)).toBe(5);
    expect(readTarget(conversation, 'b', { aSent: 4, bSent: 1 })).toBe(4);
    expect(readTarget(conversation, 'b', { aSent: 1, bSent: 0 })).toBe(2);
    expect(readTarget(conversation, 'a', { aSent: 4, bSent: 2 })).toBe(2);
  });

  it("filters a member's conversations on both sides, not archived by default", () => {
    expect(listFilters(low, null)).toEqual([
      { aId: low, aArchived: false },
      { bId: low, bArchived: false },
    ]);
    expect(listFilters(low, { archived: true, starred: false, unreadOnly: true })).toEqual([
      { aId: low, aArchived: true, aStarred: false, aUnread: { $gt: 0 } },
      { bId: low, bArchived: true, bStarred: false, bUnread: { $gt: 0 } },
    ]);
  });

  it('sorts by the last message, newest first, then by id', () => {
    const [x, y] = [newId(), newId()];
    const later = new Date(at.getTime() + 1);
    const docs = [
      { _id: x, lastMessageAt: at },
      { _id: y, lastMessageAt: at },
      { _id: newId(), lastMessageAt: later },
    ];
    expect(docs.sort(byActivity).map((d) => d.lastMessageAt.getTime())).toEqual([later.getTime(), at.getTime(), at.getTime()]);
    expect(docs.slice(1).map((d) => d._id)).toEqual([y, x]);
  });

  it('counts openings per UTC day', () => {
    expect(windowStartOf(new Date('2026-06-01T23:59:59.999Z')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(windowStartOf(new Date('2026-06-02T00:00:00.000Z')).toISOString()).toBe('2026-06-02T00:00:00.000Z');
  });
});

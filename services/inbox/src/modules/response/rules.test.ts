import { describe, expect, it } from 'vitest';
import { dayOf, firstDayOf, responseDayId, responseMetrics } from './rules.js';

const now = new Date('2026-06-01T12:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(now.getTime() - ms);
const after = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe('response metrics', () => {
  it('is null when nobody opened a conversation with the member in the last 90 days', () => {
    expect(responseMetrics([], now)).toEqual({ rate: null, minutes: null });
    expect(responseMetrics([{ openedAt: ago(91 * DAY), repliedAt: ago(90 * DAY) }], now)).toEqual({ rate: null, minutes: null });
  });

  it('is the share answered within 24 hours and the median minutes to the first reply', () => {
    const opened = [ago(10 * DAY), ago(9 * DAY), ago(8 * DAY), ago(7 * DAY), ago(2 * HOUR)];
    const metrics = responseMetrics(
      [
        { openedAt: opened[0]!, repliedAt: after(opened[0]!, 10 * MINUTE) },
        { openedAt: opened[1]!, repliedAt: after(opened[1]!, 30 * MINUTE) },
        { openedAt: opened[2]!, repliedAt: after(opened[2]!, 2 * DAY) }, // answered, too late
        { openedAt: opened[3]! }, // never answered
        { openedAt: opened[4]! }, // not answered yet
      ],
      now,
    );
    expect(metrics).toEqual({ rate: 2 / 5, minutes: 30 });
    // An even number of replies: the middle two's mean, rounded.
    expect(
      responseMetrics(
        [
          { openedAt: opened[0]!, repliedAt: after(opened[0]!, 10 * MINUTE) },
          { openedAt: opened[1]!, repliedAt: after(opened[1]!, 15 * MINUTE) },
        ],
        now,
      ),
    ).toEqual({
      rate: 1,
      minutes: 13,
    });
    expect(responseMetrics([{ openedAt: opened[3]! }], now)).toEqual({ rate: 0, minutes: null });
  });

  it('leaves out conversations the member blocked within 24 hours without having answered', () => {
    const openedAt = ago(5 * DAY);
    expect(responseMetrics([{ openedAt, blockedAt: after(openedAt, HOUR) }], now)).toEqual({ rate: null, minutes: null });
    expect(responseMetrics([{ openedAt, blockedAt: after(openedAt, 2 * DAY) }], now)).toEqual({ rate: 0, minutes: null });
    expect(responseMetrics([{ openedAt, repliedAt: after(openedAt, MINUTE), blockedAt: after(openedAt, HOUR) }], now)).toEqual({
      rate: 1,
      minutes: 1,
    });
  });

  it('keys facts by member and UTC day of the opening', () => {
    expect(dayOf(new Date('2026-06-01T23:59:00.000Z')).toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(firstDayOf(now).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(responseDayId('m1', new Date('2026-06-01T23:59:00.000Z'))).toBe('m1:2026-06-01');
  });
});

import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatDuration, formatRange, relativeDeadline } from './format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('formatDateTime', () => {
  it('shows the instant in the given time zone, 24-hour clock', () => {
    expect(formatDateTime('2026-11-25T17:01:00Z', 'Europe/London')).toBe('25 Nov 2026, 17:01');
    expect(formatDateTime('2026-11-25T17:01:00Z', 'Asia/Dubai')).toBe('25 Nov 2026, 21:01');
    expect(formatDateTime('2026-11-25T23:30:00Z', 'Asia/Kolkata')).toBe('26 Nov 2026, 05:00');
    expect(formatDateTime('2026-07-01T00:00:00Z', 'Europe/London')).toBe('1 Jul 2026, 01:00');
  });
});

describe('formatDay', () => {
  it('names the calendar day itself, not an instant in some time zone', () => {
    expect(formatDay('2026-11-01')).toBe('1 Nov 2026');
    expect(formatDay('2026-12-31')).toBe('31 Dec 2026');
  });
});

describe('formatRange', () => {
  it('names the day once when both ends fall on the same local day', () => {
    expect(formatRange('2026-11-25T08:00:00Z', '2026-11-25T17:00:00Z', 'Europe/London')).toBe(
      '25 Nov 2026, 08:00–17:00',
    );
  });

  it('shows both ends in full across midnight of the project time zone', () => {
    expect(formatRange('2026-11-25T17:00:00Z', '2026-11-25T21:00:00Z', 'Asia/Dubai')).toBe(
      '25 Nov 2026, 21:00 – 26 Nov 2026, 01:00',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [59_999, '0 min'],
    [25 * MINUTE, '25 min'],
    [3 * HOUR, '3 h'],
    [3 * HOUR + 10 * MINUTE, '3 h 10 min'],
    [26 * HOUR + 59 * MINUTE, '1 d 2 h'],
    [48 * HOUR + 5 * MINUTE, '2 d'],
    [-(25 * MINUTE), '25 min'],
  ])('%i ms is "%s"', (milliseconds, text) => {
    expect(formatDuration(milliseconds)).toBe(text);
  });
});

describe('relativeDeadline', () => {
  const now = new Date('2026-11-25T12:00:00Z');

  it('tells the time left before a future deadline', () => {
    expect(relativeDeadline('2026-11-25T15:10:00Z', now)).toEqual({ overdue: false, text: 'in 3 h 10 min' });
  });

  it('tells how long a deadline has passed', () => {
    expect(relativeDeadline('2026-11-25T11:35:00Z', now)).toEqual({ overdue: true, text: 'overdue by 25 min' });
  });

  it('is not overdue at the deadline itself', () => {
    expect(relativeDeadline(now, now)).toEqual({ overdue: false, text: 'in 0 min' });
  });
});

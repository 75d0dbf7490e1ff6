import { describe, expect, it } from 'vitest';
import { hourMarks, placeWindow, shiftDay } from './timeAxis';

// 3 Dec 2026 in London (UTC+0) and in Dubai (UTC+4), as the board answers its day.
const LONDON = { start: '2026-12-03T00:00:00Z', end: '2026-12-04T00:00:00Z' };
const DUBAI = { start: '2026-12-02T20:00:00Z', end: '2026-12-03T20:00:00Z' };

describe('placeWindow', () => {
  it('puts a bar at its window’s offset and length within the day', () => {
    // 06:00–12:00 is a quarter of the day in, a quarter of the day long.
    expect(placeWindow('2026-12-03T06:00:00Z', '2026-12-03T12:00:00Z', LONDON.start, LONDON.end)).toEqual({
      left: 25,
      width: 25,
      startsBefore: false,
      endsAfter: false,
    });
    // The same instants on Dubai's day: 10:00–16:00 local.
    const dubai = placeWindow('2026-12-03T06:00:00Z', '2026-12-03T12:00:00Z', DUBAI.start, DUBAI.end);
    expect(dubai?.left).toBeCloseTo((10 / 24) * 100);
    expect(dubai?.width).toBeCloseTo(25);
  });

  it('clips windows crossing midnight to the day and says which end goes on', () => {
    // Night shift 20:00 on the 2nd to 06:00 on the 3rd: 00:00–06:00 of the 3rd.
    expect(placeWindow('2026-12-02T20:00:00Z', '2026-12-03T06:00:00Z', LONDON.start, LONDON.end)).toEqual({
      left: 0,
      width: 25,
      startsBefore: true,
      endsAfter: false,
    });
    // 18:00 on the 3rd to 06:00 on the 4th: 18:00–24:00.
    expect(placeWindow('2026-12-03T18:00:00Z', '2026-12-04T06:00:00Z', LONDON.start, LONDON.end)).toEqual({
      left: 75,
      width: 25,
      startsBefore: false,
      endsAfter: true,
    });
    // A window longer than the day fills it.
    expect(placeWindow('2026-12-02T12:00:00Z', '2026-12-04T12:00:00Z', LONDON.start, LONDON.end)).toEqual({
      left: 0,
      width: 100,
      startsBefore: true,
      endsAfter: true,
    });
  });

  it('leaves out windows that only touch the day or miss it', () => {
    expect(placeWindow('2026-12-02T18:00:00Z', '2026-12-03T00:00:00Z', LONDON.start, LONDON.end)).toBeNull();
    expect(placeWindow('2026-12-04T00:00:00Z', '2026-12-04T06:00:00Z', LONDON.start, LONDON.end)).toBeNull();
    expect(placeWindow('2026-12-03T10:00:00Z', '2026-12-03T09:00:00Z', LONDON.start, LONDON.end)).toBeNull();
  });

  it('follows a day with a clock change (25 hours long)', () => {
    // 25 Oct 2026 in London: 00:00 BST (23:00Z the day before) to 00:00 GMT.
    const place = placeWindow('2026-10-25T11:00:00Z', '2026-10-25T13:30:00Z', '2026-10-24T23:00:00Z', '2026-10-26T00:00:00Z');
    expect(place?.left).toBeCloseTo((12 / 25) * 100);
    expect(place?.width).toBeCloseTo((2.5 / 25) * 100);
  });
});

describe('hourMarks and shiftDay', () => {
  it('marks the axis every few hours from 00:00 to 24:00', () => {
    const marks = hourMarks(LONDON.start, LONDON.end, 6);
    expect(marks.map((mark) => mark.left)).toEqual([0, 25, 50, 75, 100]);
  });

  it('moves a calendar day across month and year ends', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});

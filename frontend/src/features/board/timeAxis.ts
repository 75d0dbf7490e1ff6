/**
 * Where a permit's window sits on a day's time axis (00–24 h of the project's day, as the server gives its
 * start and end instants; a day with a clock change is 23 or 25 hours long and the axis follows it).
 */

export interface Placement {
  /** Offset from the day's start, as a percentage of the day. */
  left: number;
  /** Length, as a percentage of the day. */
  width: number;
  /** The window began before the day (drawn from 00:00). */
  startsBefore: boolean;
  /** The window ends after the day (drawn to 24:00). */
  endsAfter: boolean;
}

/** The bar of a window on the day, clipped to it; null when the window does not touch the day. */
export function placeWindow(start: string, end: string, dayStart: string, dayEnd: string): Placement | null {
  const [from, to, day0, day1] = [start, end, dayStart, dayEnd].map((instant) => Date.parse(instant)) as [
    number,
    number,
    number,
    number,
  ];
  const span = day1 - day0;
  if (!(span > 0) || Number.isNaN(from) || Number.isNaN(to) || to <= day0 || from >= day1 || to <= from) return null;
  const clippedFrom = Math.max(from, day0);
  const clippedTo = Math.min(to, day1);
  return {
    left: ((clippedFrom - day0) / span) * 100,
    width: ((clippedTo - clippedFrom) / span) * 100,
    startsBefore: from < day0,
    endsAfter: to > day1,
  };
}

/** The axis' hour marks every `stepHours` from the day's start: the instant and its offset in percent. */
export function hourMarks(dayStart: string, dayEnd: string, stepHours: number): { at: Date; left: number }[] {
  const day0 = Date.parse(dayStart);
  const span = Date.parse(dayEnd) - day0;
  const marks: { at: Date; left: number }[] = [];
  for (let offset = 0; offset <= span; offset += stepHours * 3_600_000)
    marks.push({ at: new Date(day0 + offset), left: (offset / span) * 100 });
  return marks;
}

/** A calendar day ("2026-12-03") moved by whole days. */
export function shiftDay(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

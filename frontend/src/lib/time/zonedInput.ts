/**
 * The planned window is typed as wall-clock time on site (the WallClockPicker value,
 * "2026-11-25T14:00") and sent as an instant: these convert between the two in the
 * project's time zone, whatever the browser's own zone is.
 */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockParts(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = wallClockParts(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** "2026-11-25T14:00" on site → the instant as ISO 8601 UTC; null when the text is no date-time. */
export function wallClockToIso(value: string, timeZone: string): string | null {
  const match = WALL_CLOCK.exec(value);
  if (match === null) return null;
  const [, year, month, day, hour, minute] = match.map(Number);
  const naive = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  // Two passes settle the offset across a daylight-saving change.
  const first = naive - offsetAt(new Date(naive), timeZone);
  const instant = naive - offsetAt(new Date(first), timeZone);
  return new Date(instant).toISOString();
}

function pad(value: number | undefined): string {
  return String(value ?? 0).padStart(2, '0');
}

/** An instant → its wall-clock time on site, as the wall-clock value of the date-time picker ("2026-11-25T14:00"). */
export function isoToWallClock(iso: string, timeZone: string): string {
  const p = wallClockParts(new Date(iso), timeZone);
  return `${String(p.year)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

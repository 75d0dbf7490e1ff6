/** Dates and times as the project sees them: every instant shown in the project's own time zone. */

const LOCALE = 'en-GB';

/** The same conventions for date pickers (dayjs format strings): "2 Dec 2026" and "2 Dec 2026, 14:30". */
export const DAY_FORMAT = 'D MMM YYYY';
export const DATE_TIME_FORMAT = 'D MMM YYYY, HH:mm';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let cached = formatters.get(timeZone);
  if (cached === undefined) {
    cached = {
      date: new Intl.DateTimeFormat(LOCALE, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
      time: new Intl.DateTimeFormat(LOCALE, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formatters.set(timeZone, cached);
  }
  return cached;
}

function toDate(instant: string | Date): Date {
  return instant instanceof Date ? instant : new Date(instant);
}

/** "25 Nov 2026, 14:05" in `timeZone`. */
export function formatDateTime(instant: string | Date, timeZone: string): string {
  const { date, time } = formattersFor(timeZone);
  const value = toDate(instant);
  return `${date.format(value)}, ${time.format(value)}`;
}

/** "14:05": the time of day in `timeZone`, 24-hour. */
export function formatTime(instant: string | Date, timeZone: string): string {
  return formattersFor(timeZone).time.format(toDate(instant));
}

/** A calendar day ("2026-11-25") as "25 Nov 2026", whatever the browser's time zone. */
export function formatDay(day: string): string {
  return formattersFor('UTC').date.format(new Date(`${day}T00:00:00Z`));
}

/** "25 Nov 2026, 08:00–17:00" within one local day, else both ends in full. */
export function formatRange(start: string | Date, end: string | Date, timeZone: string): string {
  const { date, time } = formattersFor(timeZone);
  const [from, to] = [toDate(start), toDate(end)];
  if (date.format(from) === date.format(to)) return `${date.format(from)}, ${time.format(from)}–${time.format(to)}`;
  return `${formatDateTime(from, timeZone)} – ${formatDateTime(to, timeZone)}`;
}

/** A span as its two largest units: "2 d 4 h", "3 h 10 min", "25 min"; under a minute is "0 min". */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.floor(Math.abs(milliseconds) / MINUTE);
  const days = Math.floor(minutes / (DAY / MINUTE));
  const hours = Math.floor((minutes % (DAY / MINUTE)) / 60);
  const rest = minutes % 60;
  const parts: [number, string][] = days > 0 ? [[days, 'd'], [hours, 'h']] : hours > 0 ? [[hours, 'h'], [rest, 'min']] : [[rest, 'min']];
  return parts
    .filter(([value], index) => index === 0 || value > 0)
    .map(([value, unit]) => `${String(value)} ${unit}`)
    .join(' ');
}

export interface Deadline {
  overdue: boolean;
  /** "in 3 h 10 min" or "overdue by 25 min". */
  text: string;
}

/** How far `deadline` is from `now`: time left, or how long it has passed. */
export function relativeDeadline(deadline: string | Date, now: Date): Deadline {
  const left = toDate(deadline).getTime() - now.getTime();
  const span = formatDuration(left);
  return left < 0 ? { overdue: true, text: `overdue by ${span}` } : { overdue: false, text: `in ${span}` };
}

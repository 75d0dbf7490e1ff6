/**
 * One date and time convention everywhere (project time zone, 24-hour, "2 Dec 2026, 14:30"): instants are
 * formatted only by lib/time/format.ts and typed only through the pickers that show the same convention.
 */
import { describe, expect, it } from 'vitest';

// Every source module of the UI as text (tests aside), keyed by its path under /src.
const SOURCES: Record<string, string> = import.meta.glob(['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function offenders(pattern: RegExp): string[] {
  return Object.entries(SOURCES)
    .filter(([, text]) => pattern.test(text))
    .map(([path]) => path);
}

describe('the date and time convention', () => {
  it('formats dates and times only in lib/time/format.ts, never with toLocale*String', () => {
    expect(offenders(/\.toLocale(Date|Time)?String\(/)).toEqual([]);
  });

  it('offers no native date-time input, whose format follows the browser (mm/dd/yyyy, 12-hour)', () => {
    expect(offenders(/<Input\b[^>]*\btype=["'](datetime-local|date|time)["']/i)).toEqual([]);
  });

  it('gives every antd date picker the house format', () => {
    const pickers = offenders(/<DatePicker(\.RangePicker)?[\s>]/);
    const unformatted = pickers.filter((path) => !(SOURCES[path] ?? '').includes('format={'));
    expect(pickers.length).toBeGreaterThan(0);
    expect(unformatted).toEqual([]);
  });
});

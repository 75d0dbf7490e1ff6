/** The report's period, chosen exception and page of its permits: read from and written to the address. */
import dayjs from 'dayjs';
import { parsePage, parsePageSize, DEFAULT_PAGE_SIZE } from '@/lib/pagination';
import { isoToWallClock } from '@/lib/time/zonedInput';
import { parseDay } from '@/lib/time/calendarDay';
import type { ReportRange } from './api';

/** What a report covers unless asked otherwise, as the server's own default: today and the 29 days before. */
export const DEFAULT_DAYS = 30;

export interface ReportQuery {
  /** Null for the default period, which moves with the date. */
  range: ReportRange | null;
  /** An exception kind, checked against the summary's own list when it arrives. */
  kind: string | null;
  page: number;
  pageSize: number;
}

/** The calendar day it is on site at `now` ("2026-11-25"). */
export function siteToday(now: Date, timeZone: string): string {
  return isoToWallClock(now.toISOString(), timeZone).slice(0, 10);
}

/** `days` whole days ending with `today`. */
export function lastDays(today: string, days: number): ReportRange {
  return { from: dayjs(today).subtract(days - 1, 'day').format('YYYY-MM-DD'), to: today };
}

/** What the address asks for; a period needs both of its days, and anything the address cannot mean is ignored. */
export function parseReportQuery(params: URLSearchParams): ReportQuery {
  const from = parseDay(params.get('from'));
  const to = parseDay(params.get('to'));
  const kind = params.get('kind');
  return {
    range: from === null || to === null ? null : { from, to },
    kind: kind === '' ? null : kind,
    page: parsePage(params.get('page')),
    pageSize: parsePageSize(params.get('page_size')),
  };
}

/** The report's own parameters, in a stable order; defaults are left out. */
export function reportQueryParams(query: ReportQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.range !== null) {
    params.set('from', query.range.from);
    params.set('to', query.range.to);
  }
  if (query.kind !== null) params.set('kind', query.kind);
  if (query.page !== 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set('page_size', String(query.pageSize));
  return params;
}

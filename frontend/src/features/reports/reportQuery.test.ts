import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '@/lib/pagination';
import { reportExceptionsUrl, reportSummaryUrl } from './api';
import { lastDays, parseReportQuery, reportQueryParams, siteToday } from './reportQuery';

describe('report query', () => {
  it('reads the period, the exception and its page from the address', () => {
    const address = 'from=2026-10-01&to=2026-10-31&kind=expiring_soon&page=2&page_size=50';
    expect(parseReportQuery(new URLSearchParams(address))).toEqual({
      range: { from: '2026-10-01', to: '2026-10-31' },
      kind: 'expiring_soon',
      page: 2,
      pageSize: 50,
    });
  });

  it('takes the default period unless the address names both of its days', () => {
    const defaults = { range: null, kind: null, page: 1, pageSize: DEFAULT_PAGE_SIZE };
    expect(parseReportQuery(new URLSearchParams('from=2026-10-01'))).toEqual(defaults);
    expect(parseReportQuery(new URLSearchParams('from=1/10/2026&to=2026-10-31&kind='))).toEqual(defaults);
  });

  it('writes back what it read, leaving defaults out', () => {
    const address = 'from=2026-10-01&to=2026-10-31&kind=closeout_pending&page=3';
    expect(reportQueryParams(parseReportQuery(new URLSearchParams(address))).toString()).toBe(address);
    expect(reportQueryParams(parseReportQuery(new URLSearchParams(''))).toString()).toBe('');
  });

  it('counts days on site: today in the project time zone, and whole days back from it', () => {
    const now = new Date('2026-11-30T22:00:00Z');
    expect(siteToday(now, 'Europe/London')).toBe('2026-11-30');
    expect(siteToday(now, 'Asia/Dubai')).toBe('2026-12-01');
    expect(lastDays('2026-12-01', 30)).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(lastDays('2026-03-01', 7)).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });

  it('asks the API for one project, both days and, for a file, its format', () => {
    const range = { from: '2026-11-01', to: '2026-11-30' };
    expect(reportSummaryUrl(1, range)).toBe(
      '/api/v1/ptw/permits/reports_summary/?date_from=2026-11-01&date_to=2026-11-30&project=1',
    );
    expect(reportSummaryUrl(1, range, 'xlsx')).toBe(
      '/api/v1/ptw/permits/reports_summary/?date_from=2026-11-01&date_to=2026-11-30&project=1&format=xlsx',
    );
    expect(reportExceptionsUrl(1, range, 'isolation_pending', 2, 10)).toBe(
      '/api/v1/ptw/permits/reports_exceptions/?kind=isolation_pending&date_from=2026-11-01&date_to=2026-11-30' +
        '&project=1&page=2&page_size=10',
    );
  });
});

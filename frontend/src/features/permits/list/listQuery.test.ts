import { describe, expect, it } from 'vitest';
import { permitExportUrl, permitListUrl } from './api';
import { DEFAULT_PAGE_SIZE } from '@/lib/pagination';
import { filterCount, listQueryParams, NO_FILTERS, parseListQuery } from './listQuery';

describe('permit list query', () => {
  it('reads every filter, the sort and the page from the address', () => {
    const query = parseListQuery(
      new URLSearchParams(
        'project=1&status=active&status=suspended&permit_type=3&risk_level=high&starts_from=2026-11-01' +
          '&starts_to=2026-11-30&search=pump&ordering=-planned_end&page=3&page_size=50',
      ),
    );

    expect(query).toEqual({
      statuses: ['active', 'suspended'],
      permitType: 3,
      riskLevel: 'high',
      startsFrom: '2026-11-01',
      startsTo: '2026-11-30',
      search: 'pump',
      ordering: { field: 'planned_end', descending: true },
      page: 3,
      pageSize: 50,
    });
  });

  it('counts the filters set beside the search, a status choice once', () => {
    expect(filterCount(NO_FILTERS)).toBe(0);
    expect(filterCount({ ...NO_FILTERS, search: 'pump' })).toBe(0);
    expect(filterCount({ ...NO_FILTERS, statuses: ['active', 'suspended'] })).toBe(1);
    expect(filterCount(parseListQuery(new URLSearchParams('status=active&permit_type=3&risk_level=high&starts_from=2026-11-01&starts_to=2026-11-30')))).toBe(5);
  });

  it('ignores what the address cannot mean', () => {
    const query = parseListQuery(
      new URLSearchParams(
        'status=finished&permit_type=x&risk_level=severe&starts_from=1/11/2026&ordering=-password&page=-2&page_size=7',
      ),
    );

    expect(query).toEqual({
      statuses: [],
      permitType: null,
      riskLevel: null,
      startsFrom: null,
      startsTo: null,
      search: '',
      ordering: null,
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
    });
  });

  it('writes back what it read, leaving defaults out', () => {
    const address = 'status=submitted&status=active&risk_level=low&search=valve&ordering=title&page=2';
    expect(listQueryParams(parseListQuery(new URLSearchParams(address))).toString()).toBe(address);
    expect(listQueryParams(parseListQuery(new URLSearchParams(''))).toString()).toBe('');
  });

  it('always asks the API for one project and an explicit page', () => {
    const query = parseListQuery(new URLSearchParams('status=draft&search=pump'));

    expect(permitListUrl(7, query)).toBe('/api/v1/ptw/permits/?project=7&status=draft&search=pump&page=1&page_size=25');
  });

  it('exports what the list shows, filtered and sorted, without its page', () => {
    const address = 'status=active&status=suspended&ordering=-planned_end&page=3&page_size=50';
    const query = parseListQuery(new URLSearchParams(address));

    expect(permitExportUrl(7, query, 'csv')).toBe(
      '/api/v1/ptw/permits/export/?project=7&status=active&status=suspended&ordering=-planned_end&format=csv',
    );
  });
});

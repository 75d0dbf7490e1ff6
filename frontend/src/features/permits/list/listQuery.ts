/** The permit list's filters, sort and page: read from and written to the address, sent to the API. */
import { DEFAULT_PAGE_SIZE, parsePage, parsePageSize } from '@/lib/pagination';
import { RISK_LEVELS, type RiskLevel } from '@/lib/permits/riskLevel';
import { STATUSES, type PermitStatus } from '@/lib/permits/status';
import { parseDay } from '@/lib/time/calendarDay';

export const ORDERING_FIELDS = [
  'permit_number',
  'title',
  'status',
  'risk_score',
  'planned_start',
  'planned_end',
  'created_at',
] as const;

export type OrderingField = (typeof ORDERING_FIELDS)[number];

export interface Ordering {
  field: OrderingField;
  descending: boolean;
}

export interface PermitListQuery {
  statuses: PermitStatus[];
  permitType: number | null;
  riskLevel: RiskLevel | null;
  startsFrom: string | null;
  startsTo: string | null;
  search: string;
  ordering: Ordering | null;
  page: number;
  pageSize: number;
}

/** The filters a user sets; changing any of them goes back to the first page. */
export type PermitListFilters = Omit<PermitListQuery, 'ordering' | 'page' | 'pageSize'>;

function positiveInteger(value: string | null): number | null {
  const parsed = Number(value);
  return value !== null && Number.isInteger(parsed) && parsed > 0 ? parsed : null;
}

function isOrderingField(value: string): value is OrderingField {
  return (ORDERING_FIELDS as readonly string[]).includes(value);
}

export function parseOrdering(value: string | null): Ordering | null {
  if (value === null) return null;
  const descending = value.startsWith('-');
  const field = descending ? value.slice(1) : value;
  return isOrderingField(field) ? { field, descending } : null;
}

export function orderingParam({ field, descending }: Ordering): string {
  return descending ? `-${field}` : field;
}

/** What the address asks for; anything it cannot mean is ignored. */
export function parseListQuery(params: URLSearchParams): PermitListQuery {
  const riskLevel = params.get('risk_level');
  return {
    statuses: STATUSES.filter((status) => params.getAll('status').includes(status)),
    permitType: positiveInteger(params.get('permit_type')),
    riskLevel: RISK_LEVELS.find((level) => level === riskLevel) ?? null,
    startsFrom: parseDay(params.get('starts_from')),
    startsTo: parseDay(params.get('starts_to')),
    search: params.get('search')?.trim() ?? '',
    ordering: parseOrdering(params.get('ordering')),
    page: parsePage(params.get('page')),
    pageSize: parsePageSize(params.get('page_size')),
  };
}

/** The filters and the sort, in a stable order; defaults are left out. What the list and its export ask the API. */
export function filterQueryParams(query: Omit<PermitListQuery, 'page' | 'pageSize'>): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of query.statuses) params.append('status', status);
  if (query.permitType !== null) params.set('permit_type', String(query.permitType));
  if (query.riskLevel !== null) params.set('risk_level', query.riskLevel);
  if (query.startsFrom !== null) params.set('starts_from', query.startsFrom);
  if (query.startsTo !== null) params.set('starts_to', query.startsTo);
  if (query.search !== '') params.set('search', query.search);
  if (query.ordering !== null) params.set('ordering', orderingParam(query.ordering));
  return params;
}

/** The list's own parameters, in a stable order; defaults are left out. */
export function listQueryParams(query: PermitListQuery): URLSearchParams {
  const params = filterQueryParams(query);
  if (query.page !== 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set('page_size', String(query.pageSize));
  return params;
}

export function hasFilters(query: PermitListFilters): boolean {
  return (
    query.statuses.length > 0 ||
    query.permitType !== null ||
    query.riskLevel !== null ||
    query.startsFrom !== null ||
    query.startsTo !== null ||
    query.search !== ''
  );
}

/** How many of the filters beside the search are set (status counts once, however many are chosen). */
export function filterCount(query: PermitListFilters): number {
  return [query.statuses.length > 0, query.permitType, query.riskLevel, query.startsFrom, query.startsTo].filter(
    (set) => set !== null && set !== false,
  ).length;
}

export const NO_FILTERS: PermitListFilters = {
  statuses: [],
  permitType: null,
  riskLevel: null,
  startsFrom: null,
  startsTo: null,
  search: '',
};

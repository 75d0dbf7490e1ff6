import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FileFormat } from '@/components/FileDownloads';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';
import type { Paginated } from '@/lib/api/types';
import { filterQueryParams, type PermitListQuery } from './listQuery';

export type PermitListItem = components['schemas']['PermitOut'];

/** Every permit list query starts with this key: invalidate it after a permit changes. */

const PERMITS = '/api/v1/ptw/permits/';

/** The project, then the list's filters and sort: what the list and its export both ask for. */
function permitQueryParams(projectId: number, query: PermitListQuery): URLSearchParams {
  const params = new URLSearchParams({ project: String(projectId) });
  for (const [name, value] of filterQueryParams(query)) params.append(name, value);
  return params;
}

export function permitListUrl(projectId: number, query: PermitListQuery): string {
  const params = permitQueryParams(projectId, query);
  params.set('page', String(query.page));
  params.set('page_size', String(query.pageSize));
  return `${PERMITS}?${params.toString()}`;
}

/** The whole filtered list as a file: the list's query without its page. */
export function permitExportUrl(projectId: number, query: PermitListQuery, format: FileFormat): string {
  const params = permitQueryParams(projectId, query);
  params.set('format', format);
  return `${PERMITS}export/?${params.toString()}`;
}

/** One page of the project's permits, filtered and sorted as asked; the last page stays shown while the next loads. */
export function usePermitList(projectId: number, query: PermitListQuery) {
  const url = permitListUrl(projectId, query);
  return useQuery({
    queryKey: [...permitKeys.list, url],
    queryFn: ({ signal }) => apiRequest<Paginated<PermitListItem>>(url, { signal }),
    placeholderData: keepPreviousData,
  });
}

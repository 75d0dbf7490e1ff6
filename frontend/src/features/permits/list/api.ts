import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api/client';
import type { components } from '../../../lib/api/schema';
import type { Paginated } from '../../../lib/api/types';
import { listQueryParams, type PermitListQuery } from './listQuery';

export type PermitListItem = components['schemas']['PermitOut'];

/** Every permit list query starts with this key: invalidate it after a permit changes. */
export const permitListQueryKey = ['permits', 'list'] as const;

export function permitListUrl(projectId: number, query: PermitListQuery): string {
  const params = listQueryParams(query);
  params.set('page', String(query.page));
  params.set('page_size', String(query.pageSize));
  return `/api/v1/ptw/permits/?project=${String(projectId)}&${params.toString()}`;
}

/** One page of the project's permits, filtered and sorted as asked; the last page stays shown while the next loads. */
export function usePermitList(projectId: number, query: PermitListQuery) {
  const url = permitListUrl(projectId, query);
  return useQuery({
    queryKey: [...permitListQueryKey, url],
    queryFn: ({ signal }) => apiRequest<Paginated<PermitListItem>>(url, { signal }),
    placeholderData: keepPreviousData,
  });
}

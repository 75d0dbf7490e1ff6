import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { isolationRegisterKeys } from '@/lib/api/keys';
import type { RegisterIsolationPage } from '@/lib/api/models';

export function isolationRegisterUrl(projectId: number, page: number, pageSize: number): string {
  const params = new URLSearchParams({ project: String(projectId), page: String(page), page_size: String(pageSize) });
  return `/api/v1/ptw/isolations/?${params.toString()}`;
}

/** One page of the project's live isolations (applied or verified), with the permit each protects. */
export function useIsolationRegister(projectId: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: isolationRegisterKeys.page(projectId, page, pageSize),
    queryFn: ({ signal }) => apiRequest<RegisterIsolationPage>(isolationRegisterUrl(projectId, page, pageSize), { signal }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}

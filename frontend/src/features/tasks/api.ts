import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { tasksQueryKey } from '@/lib/api/keys';
import type { paths } from '@/lib/api/schema';
import type { JsonContent } from '@/lib/api/types';

export type TaskPage = JsonContent<paths['/api/v1/ptw/tasks/']['get']['responses'][200]>;
export type Task = TaskPage['results'][number];

const REFRESH_MS = 30_000;

function tasksUrl(page: number, pageSize: number): string {
  return `/api/v1/ptw/tasks/?${new URLSearchParams({ page: String(page), page_size: String(pageSize) }).toString()}`;
}

/** One page of what waits for the caller, across their projects; withdrawn tasks are gone on refresh. */
export function useTasks(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...tasksQueryKey, 'list', { page, pageSize }],
    queryFn: ({ signal }) => apiRequest<TaskPage>(tasksUrl(page, pageSize), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/** How many tasks wait for the caller. */
export function useTaskCount() {
  return useQuery({
    queryKey: [...tasksQueryKey, 'count'],
    queryFn: ({ signal }) => apiRequest<TaskPage>(tasksUrl(1, 1), { signal }),
    select: (page) => page.count,
    refetchInterval: REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

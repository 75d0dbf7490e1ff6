import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys, simopsKeys } from '@/lib/api/keys';
import type { Board, BoardFilters, LocationTree, TypeOption } from './types';

/** How often the board asks again: a control-room screen stays current without anyone touching it. */
export const BOARD_REFRESH_MS = 30_000;

export function boardUrl(projectId: number, date: string, filters: BoardFilters): string {
  const params = new URLSearchParams({ project: String(projectId), date });
  if (filters.area !== null) params.set('area', String(filters.area));
  if (filters.permitType !== null) params.set('permit_type', String(filters.permitType));
  if (filters.status !== null) params.set('status', filters.status);
  return `/api/v1/ptw/board/?${params.toString()}`;
}

/** The site board of one day in the project's time zone, asked again every 30 s while shown. */
export function useBoard(projectId: number, date: string, filters: BoardFilters) {
  return useQuery({
    queryKey: simopsKeys.board(projectId, date, filters),
    queryFn: ({ signal }) => apiRequest<Board>(boardUrl(projectId, date, filters), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: BOARD_REFRESH_MS,
  });
}

/** The project's areas, for the area filter (the location tree, shared with the permit form's picker). */
export function useAreaOptions(projectId: number) {
  return useQuery({
    queryKey: simopsKeys.locationTree(projectId),
    queryFn: ({ signal }) =>
      apiRequest<LocationTree>(`/api/v1/ptw/locations/tree/?project=${String(projectId)}`, { signal }),
    staleTime: 5 * 60_000,
    select: (tree) => tree.nodes.filter((node) => node.kind === 'area'),
  });
}

/** The project's permit types, for the type filter. */
export function useTypeOptions(projectId: number) {
  return useQuery({
    queryKey: permitKeys.types(projectId),
    queryFn: ({ signal }) => apiRequest<TypeOption[]>(`/api/v1/ptw/permit-types/?project=${String(projectId)}`, { signal }),
    staleTime: 5 * 60_000,
  });
}

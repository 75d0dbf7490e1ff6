import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, apiUpload } from '@/lib/api/client';
import { ifMatch } from '@/lib/api/ifMatch';
import { isolationLibraryKeys } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';
import type { Paginated } from '@/lib/api/types';

type Schemas = components['schemas'];
export type LibraryPoint = Schemas['IsolationPointOut'];
export type LibraryPointBody = Schemas['IsolationPointInRequest'];
export type LibraryPointChanges = Schemas['PatchedIsolationPointUpdateInRequest'];
export type PointType = Schemas['PointTypeEnum'];
export type ImportReport = Schemas['IsolationImportOut'];
export type ImportRow = Schemas['ImportRowOut'];

/** Which points the list shows: those offered for new isolations, the retired ones, or both. */
export type LibraryStatus = 'active' | 'retired' | 'all';

export interface LibraryFilter {
  status: LibraryStatus;
  search: string;
}

const POINTS = '/api/v1/ptw/isolation-points/';

export function libraryListUrl(projectId: number, filter: LibraryFilter): string {
  const query = new URLSearchParams({ project: String(projectId), status: filter.status });
  if (filter.search !== '') query.set('search', filter.search);
  return `${POINTS}?${query.toString()}`;
}

export function pointPath(pointId: number): string {
  return `${POINTS}${String(pointId)}/`;
}

export function importUrl(projectId: number): string {
  return `${POINTS}import/?project=${String(projectId)}`;
}

export function templateUrl(projectId: number): string {
  return `${POINTS}import/template/?project=${String(projectId)}`;
}

/** The project's library, filtered; the last answer stays shown while a new filter loads. */
export function useLibraryPoints(projectId: number, filter: LibraryFilter) {
  return useQuery({
    queryKey: isolationLibraryKeys.list(projectId, filter),
    queryFn: ({ signal }) => apiRequest<LibraryPoint[]>(libraryListUrl(projectId, filter), { signal }),
    placeholderData: keepPreviousData,
  });
}

function useRefreshLibrary(projectId: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: isolationLibraryKeys.all(projectId) });
}

export function useCreatePoint(projectId: number) {
  const refresh = useRefreshLibrary(projectId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LibraryPointBody; idempotencyKey: string }) =>
      apiRequest<LibraryPoint>(`${POINTS}?project=${String(projectId)}`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

/** Saves what changed on the version the admin edited (If-Match); 409 carries the point as it is now. */
export function useUpdatePoint(projectId: number, pointId: number) {
  const refresh = useRefreshLibrary(projectId);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: LibraryPointChanges }) =>
      apiRequest<LibraryPoint>(pointPath(pointId), { method: 'PATCH', body, headers: ifMatch(version) }),
    onSettled: refresh,
  });
}

/** Retires a point (no longer offered for new isolations) or restores it, at the version the admin saw. */
export function useRetirePoint(projectId: number) {
  const refresh = useRefreshLibrary(projectId);
  return useMutation({
    mutationFn: ({ point, action }: { point: LibraryPoint; action: 'retire' | 'restore' }) =>
      apiRequest<LibraryPoint>(`${pointPath(point.id)}${action}/`, {
        method: 'POST',
        body: {},
        headers: ifMatch(point.version),
      }),
    onSettled: refresh,
  });
}

/** Sends a CSV file: a preview (`dryRun`) judges every row and writes nothing; otherwise all rows or none. */
export function useImportPoints(projectId: number) {
  const refresh = useRefreshLibrary(projectId);
  return useMutation({
    mutationFn: ({ file, dryRun, idempotencyKey }: { file: File; dryRun: boolean; idempotencyKey: string }) => {
      const form = new FormData();
      form.append('file', file);
      form.append('dry_run', dryRun ? 'true' : 'false');
      return apiUpload<ImportReport>(importUrl(projectId), form, { headers: { 'Idempotency-Key': idempotencyKey } });
    },
    onSuccess: (report) => {
      if (!report.dry_run) void refresh();
    },
  });
}

export type EquipmentLocation = Schemas['LocationOut'];

/** The project's equipment locations a point may belong to (the first hundred, in code order). */
export function useEquipment(projectId: number) {
  return useQuery({
    queryKey: isolationLibraryKeys.equipment(projectId),
    queryFn: ({ signal }) =>
      apiRequest<Paginated<EquipmentLocation>>(
        `/api/v1/ptw/locations/?project=${String(projectId)}&kind=equipment&page_size=100`,
        { signal },
      ),
    staleTime: 5 * 60_000,
  });
}

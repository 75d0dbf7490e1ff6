import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { simopsKeys } from '@/lib/api/keys';
import type { Paginated } from '@/lib/api/types';
import type {
  ConflictsPreview,
  ConflictsPreviewBody,
  LocationTree,
  PermitConflicts,
  RelatedPermit,
} from '../simops/types';

const PTW = '/api/v1/ptw/';

export function locationTreeUrl(projectId: number): string {
  return `${PTW}locations/tree/?project=${String(projectId)}`;
}

export function permitConflictsUrl(permitId: number): string {
  return `${PTW}permits/${String(permitId)}/conflicts/`;
}

export const CONFLICTS_PREVIEW_URL = `${PTW}permits/conflicts-preview/`;


export function relatedSearchUrl(projectId: number, search: string): string {
  const params = new URLSearchParams({ project: String(projectId), page: '1', page_size: '20' });
  if (search.trim() !== '') params.set('search', search.trim());
  return `${PTW}permits/?${params.toString()}`;
}

/** Every active node of the project's location tree, for pickers. Configuration: kept for a few minutes. */
export function useLocationTree(projectId: number) {
  return useQuery({
    queryKey: simopsKeys.locationTree(projectId),
    queryFn: ({ signal }) => apiRequest<LocationTree>(locationTreeUrl(projectId), { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The permit's conflicts with other live permits, computed by the server now. */
export function usePermitConflicts(permitId: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: simopsKeys.conflicts(permitId),
    queryFn: ({ signal }) => apiRequest<PermitConflicts>(permitConflictsUrl(permitId), { signal }),
    enabled,
  });
}

/**
 * The conflicts a permit of this type, at this node, in this window would have: asked with no side effects
 * while the form is filled in (null until type, node and a valid window are chosen). The last answer stays
 * shown while the next is asked.
 */
export function useConflictsPreview(body: ConflictsPreviewBody | null) {
  return useQuery({
    queryKey: simopsKeys.preview(body ?? {}),
    queryFn: ({ signal }) =>
      apiRequest<ConflictsPreview>(CONFLICTS_PREVIEW_URL, { method: 'POST', body: body ?? {}, signal }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}

/** Permits of the project matching `search` (number or title), for the "depends on" picker. */
export function useRelatedPermitSearch(projectId: number, search: string) {
  return useQuery({
    queryKey: simopsKeys.relatedSearch(projectId, search),
    queryFn: ({ signal }) => apiRequest<Paginated<RelatedPermit>>(relatedSearchUrl(projectId, search), { signal }),
    placeholderData: keepPreviousData,
  });
}

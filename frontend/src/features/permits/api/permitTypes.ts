import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import type { PermitType } from '@/lib/api/models';

/** The permit types as they apply on a project (its overrides merged in). */
export function usePermitTypes(projectId: number | undefined) {
  return useQuery({
    queryKey: permitKeys.types(projectId ?? 0),
    queryFn: ({ signal }) =>
      apiRequest<PermitType[]>(`/api/v1/ptw/permit-types/?project=${String(projectId)}`, { signal }),
    enabled: projectId !== undefined,
    staleTime: 5 * 60_000,
  });
}

import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import type { PermitReadiness } from '@/lib/api/models';

/** For the caller: each action, whether it can be taken now and what is missing if not. */
export function usePermitReadiness(id: number) {
  return useQuery({
    queryKey: permitKeys.readiness(id),
    queryFn: ({ signal }) => apiRequest<PermitReadiness>(`${permitPath(id)}readiness/`, { signal }),
  });
}

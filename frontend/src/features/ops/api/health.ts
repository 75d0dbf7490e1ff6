import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { healthKeys } from '@/lib/api/keys';
import type { paths } from '@/lib/api/schema';
import type { JsonContent } from '@/lib/api/types';

export type Liveness = JsonContent<paths['/api/v1/health/']['get']['responses'][200]>;
export type Readiness = JsonContent<paths['/api/v1/health/ready/']['get']['responses'][200]>;
export type ReadinessCheck = Readiness['checks'][number];
export type CheckStatus = ReadinessCheck['status'];

/** Liveness, with the UI build the server currently serves. */
export function useLiveness() {
  return useQuery({
    queryKey: healthKeys.live,
    queryFn: ({ signal }) => apiRequest<Liveness>('/api/v1/health/', { signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

/** Readiness checks; a 503 answer carries the same body and is data, not a failure. */
export function useReadiness() {
  return useQuery({
    queryKey: healthKeys.ready,
    queryFn: ({ signal }) => apiRequest<Readiness>('/api/v1/health/ready/', { signal, acceptStatuses: [503] }),
    refetchInterval: 30_000,
  });
}

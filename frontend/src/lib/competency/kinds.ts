import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { competencyKeys } from '@/lib/api/keys';
import type { CompetencyKind } from '@/lib/api/models';

/** The tenant's competency kinds (the register's certificates and the permit types' requirements name them). */
export function useCompetencyKinds() {
  return useQuery({
    queryKey: competencyKeys.kinds,
    queryFn: ({ signal }) => apiRequest<CompetencyKind[]>('/api/v1/ptw/competency/kinds/', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The roles on a permit a type may require competencies of, as people read them (server: permits/competency.py). */
export const COMPETENCY_ROLES = [
  { value: 'requester', label: 'Requester' },
  { value: 'verifier', label: 'Verifier' },
  { value: 'issuer', label: 'Issuer' },
  { value: 'gas_tester', label: 'Gas tester' },
  { value: 'isolator', label: 'Isolator' },
  { value: 'workers', label: 'Workers' },
  { value: 'fire_watch', label: 'Fire watch' },
] as const;

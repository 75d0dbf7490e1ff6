import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import type { Candidate, CandidateCapability } from '@/lib/api/models';

/** People the policy table lets the caller name for a step on a project (e.g. the verifier). */
export function useCandidates(projectId: number | undefined, capability: CandidateCapability) {
  return useQuery({
    queryKey: permitKeys.candidates(projectId ?? 0, capability),
    queryFn: ({ signal }) =>
      apiRequest<Candidate[]>(`/api/v1/projects/${String(projectId)}/candidates/?capability=${capability}`, {
        signal,
      }),
    enabled: projectId !== undefined,
    staleTime: 5 * 60_000,
  });
}

/** The people the permit may be handed over to: the server lists only those its handover rule accepts. */
export function useHandoverCandidates(permitId: number) {
  return useQuery({
    queryKey: permitKeys.handoverCandidates(permitId),
    queryFn: ({ signal }) =>
      apiRequest<Candidate[]>(`/api/v1/ptw/permits/${String(permitId)}/handover-candidates/`, { signal }),
  });
}

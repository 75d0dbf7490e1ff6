import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import type { Project } from '@/lib/api/models';

/** A project with its PTW settings (gas limits, test validity, calibration age). */
export function useProject(projectId: number) {
  return useQuery({
    queryKey: permitKeys.project(projectId),
    queryFn: ({ signal }) => apiRequest<Project>(`/api/v1/projects/${String(projectId)}/`, { signal }),
    staleTime: 5 * 60_000,
  });
}

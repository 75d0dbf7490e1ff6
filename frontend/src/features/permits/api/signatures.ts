import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import type { Signature } from '@/lib/api/models';

/** Every signature on the permit, each with whether it still vouches for the current content. */
export function usePermitSignatures(id: number) {
  return useQuery({
    queryKey: permitKeys.signatures(id),
    queryFn: ({ signal }) => apiRequest<Signature[]>(`${permitPath(id)}signatures/`, { signal }),
  });
}

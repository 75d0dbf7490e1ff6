import { useSuspenseQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../api/client';
import { meQueryKey } from '../api/keys';
import type { paths } from '../api/schema';
import type { JsonContent } from '../api/types';

export type Me = JsonContent<paths['/api/v1/auth/me/']['get']['responses'][200]>;
export type Membership = Me['memberships'][number];
export type ProjectBrief = Membership['project'];

export const meQuery = {
  queryKey: meQueryKey,
  queryFn: ({ signal }: { signal: AbortSignal }) => apiRequest<Me>('/api/v1/auth/me/', { signal }),
  staleTime: 60_000,
};

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The signed-in user; only inside the signed-in shell, which loads it before any page renders. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

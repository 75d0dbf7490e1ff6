import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../lib/api/client';
import type { components, paths } from '../../lib/api/schema';
import type { JsonContent } from '../../lib/api/types';

export type Me = JsonContent<paths['/api/v1/auth/me/']['get']['responses'][200]>;
export type Membership = Me['memberships'][number];
export type ProjectBrief = Membership['project'];
export type LoginInput = components['schemas']['LoginInRequest'];

export const meQueryKey = ['auth', 'me'] as const;

/** Log-in and log-out carry this key prefix: they change the session, not the data. */
export const authMutationKey = ['auth'] as const;

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

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: [...authMutationKey, 'login'],
    mutationFn: (input: LoginInput) => apiRequest<Me>('/api/v1/auth/login/', { method: 'POST', body: input }),
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}

/** Ends the session; the log-in page then forgets what was read. */
export function useLogout() {
  return useMutation({
    mutationKey: [...authMutationKey, 'logout'],
    mutationFn: () => apiRequest<undefined>('/api/v1/auth/logout/', { method: 'POST' }),
  });
}

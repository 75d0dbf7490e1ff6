import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { authMutationKey, meQueryKey } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';
import type { Me } from '@/lib/session';

export type LoginInput = components['schemas']['LoginInRequest'];

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

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { authMutationKey, meQueryKey } from '@/lib/api/keys';
import { releaseDeviceData } from '@/lib/offline/deviceData';
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

/** Ends the session; the log-in page then forgets what was read, and the device what it kept. */
export function useLogout() {
  return useMutation({
    mutationKey: [...authMutationKey, 'logout'],
    mutationFn: async () => {
      try {
        await apiRequest<undefined>('/api/v1/auth/logout/', { method: 'POST' });
      } finally {
        // The API answers this device kept for reading without signal were the user's: they go too.
        await releaseDeviceData();
      }
    },
  });
}

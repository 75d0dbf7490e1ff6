import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { adminKeys } from '@/lib/api/keys';
import { projectUrl, type Policy, type PolicyPreview } from '../api';

/** Who would hold each capability under the policy being edited (nothing is saved); refreshed as it changes. */
export function usePolicyPreview(projectId: number, policy: Policy | undefined) {
  return useQuery({
    queryKey: adminKeys.policyPreview(projectId, policy ?? {}),
    queryFn: ({ signal }) =>
      apiRequest<PolicyPreview>(projectUrl(projectId, 'policy-preview/'), {
        method: 'POST',
        body: { policy },
        signal,
      }),
    enabled: policy !== undefined,
    placeholderData: keepPreviousData,
  });
}

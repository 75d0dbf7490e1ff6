import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys, tasksQueryKey } from '@/lib/api/keys';
import type { AreaPreview, AreaScopeBody, AreaSuspension, AreaSuspensionBody } from '@/lib/api/models';

const AREA = '/api/v1/ptw/area-suspensions/';

/** What an area suspension would select now (no side effects; a POST because it takes a body). */
export function useAreaPreview() {
  return useMutation({
    mutationFn: (body: AreaScopeBody) => apiRequest<AreaPreview>(`${AREA}preview/`, { method: 'POST', body }),
  });
}

/** Suspend every active permit of the scope; the answer is the act's record with each permit's outcome. */
export function useAreaSuspend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AreaSuspensionBody) => apiRequest<AreaSuspension>(AREA, { method: 'POST', body }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: permitKeys.all });
      await queryClient.invalidateQueries({ queryKey: tasksQueryKey });
    },
  });
}

/** The audit file of one permit (a plain GET the browser saves; the session cookie authenticates it). */
export function permitAuditExportUrl(permitId: number): string {
  return `/api/v1/ptw/permits/${String(permitId)}/audit-export/`;
}


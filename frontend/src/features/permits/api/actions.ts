import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys, tasksQueryKey } from '@/lib/api/keys';
import { permitPath } from './permits';
import type { ActionBody, Permit, PermitAction } from '@/lib/api/models';

export interface PermitActionInput {
  action: PermitAction;
  body: ActionBody;
  /** The same key for every retry of one click. */
  idempotencyKey: string;
}

export function postPermitAction(permitId: number, { action, body, idempotencyKey }: PermitActionInput) {
  return apiRequest<Permit>(`${permitPath(permitId)}${action}/`, {
    method: 'POST',
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/**
 * Takes one workflow action. Afterwards, whether it worked or not, the permit, its readiness,
 * timeline and signatures, the lists and the task inbox are fetched again: the server decides.
 */
export function usePermitAction(permitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PermitActionInput) => postPermitAction(permitId, input),
    onSuccess: (permit) => {
      queryClient.setQueryData(permitKeys.detail(permitId), permit);
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: permitKeys.all }),
        queryClient.invalidateQueries({ queryKey: tasksQueryKey }),
      ]),
  });
}

export interface RenumberInput {
  body: { permit_number: string; reason: string };
  idempotencyKey: string;
}

/** Gives the permit another number (tenant admins; the server decides and records it on the timeline). */
export function useRenumberPermit(permitId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: RenumberInput) =>
      apiRequest<Permit>(`${permitPath(permitId)}renumber/`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (permit) => {
      queryClient.setQueryData(permitKeys.detail(permitId), permit);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: permitKeys.all }),
  });
}

import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import { useRefreshPermitParts } from './refresh';
import type { IsolationAssignBody, IsolationPoint, IsolationStep, PermitIsolation } from '@/lib/api/models';

function isolationsPath(permitId: number): string {
  return `${permitPath(permitId)}isolations/`;
}

/** The permit's isolations (lockout/tagout), each with its state and who moved it there. */
export function usePermitIsolations(permitId: number) {
  return useQuery({
    queryKey: permitKeys.isolations(permitId),
    queryFn: ({ signal }) => apiRequest<PermitIsolation[]>(isolationsPath(permitId), { signal }),
  });
}

/** The project's isolation library: the points offered for new isolations (retired ones are not). */
export function useIsolationPoints(projectId: number, enabled = true) {
  return useQuery({
    queryKey: permitKeys.isolationPoints(projectId),
    queryFn: ({ signal }) =>
      apiRequest<IsolationPoint[]>(`/api/v1/ptw/isolation-points/?project=${String(projectId)}&status=active`, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export interface AssignIsolationInput {
  body: IsolationAssignBody;
  idempotencyKey: string;
}

/** Puts a library point, or an ad-hoc one, on the permit. */
export function useAssignIsolation(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: AssignIsolationInput) =>
      apiRequest<PermitIsolation>(isolationsPath(permitId), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export interface IsolationStepInput {
  isolationId: number;
  step: IsolationStep;
  /** Only for `isolate`: exactly the point's number of locks, all different. */
  lockNumbers?: string[];
  /** Only for `reinstate`: whether the equipment was tested, and if not, why. */
  reinstatement?: { tested: boolean; note: string };
  idempotencyKey: string;
}

/** Applies (with its lock numbers), verifies, de-isolates or confirms reinstated (tested, or why not) one isolation. */
export function useIsolationStep(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ isolationId, step, lockNumbers, reinstatement, idempotencyKey }: IsolationStepInput) =>
      apiRequest<PermitIsolation>(`${isolationsPath(permitId)}${String(isolationId)}/${step}/`, {
        method: 'POST',
        body: step === 'isolate' ? { lock_numbers: lockNumbers ?? [] } : step === 'reinstate' ? reinstatement : {},
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

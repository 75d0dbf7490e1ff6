import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import { fetchAllPages } from '@/lib/api/fetchAllPages';
import { ifMatch } from '@/lib/api/ifMatch';
import { useRefreshPermitParts } from './refresh';
import type { ToolboxTalk, ToolboxTalkBody, Worker, WorkerBody } from '@/lib/api/models';

function workersPath(permitId: number): string {
  return `${permitPath(permitId)}workers/`;
}

function toolboxTalkPath(permitId: number): string {
  return `${permitPath(permitId)}toolbox-talk/`;
}

/** The workers on the permit, in the order they were added, with their acknowledgement of the talk. */
export function useWorkers(permitId: number) {
  return useQuery({
    queryKey: permitKeys.workers(permitId),
    queryFn: ({ signal }) => fetchAllPages<Worker>(workersPath(permitId), signal),
  });
}

export interface AddWorkerInput {
  body: WorkerBody;
  idempotencyKey: string;
}

export function useAddWorker(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: AddWorkerInput) =>
      apiRequest<Worker>(workersPath(permitId), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export interface AcknowledgeInput {
  workerId: number;
  idempotencyKey: string;
}

/** Records that a worker acknowledged the toolbox talk. */
export function useAcknowledgeWorker(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ workerId, idempotencyKey }: AcknowledgeInput) =>
      apiRequest<Worker>(`${workersPath(permitId)}${String(workerId)}/acknowledge/`, {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

/** The toolbox talk (`held` false and version 1 until it is recorded) and the crew's tally. */
export function useToolboxTalk(permitId: number) {
  return useQuery({
    queryKey: permitKeys.toolboxTalk(permitId),
    queryFn: ({ signal }) => apiRequest<ToolboxTalk>(toolboxTalkPath(permitId), { signal }),
  });
}

export interface SaveToolboxTalkInput {
  version: number;
  body: ToolboxTalkBody;
}

export function saveToolboxTalk(permitId: number, { version, body }: SaveToolboxTalkInput): Promise<ToolboxTalk> {
  return apiRequest<ToolboxTalk>(toolboxTalkPath(permitId), { method: 'PUT', body, headers: ifMatch(version) });
}

export function useSaveToolboxTalk(permitId: number) {
  const queryClient = useQueryClient();
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: (input: SaveToolboxTalkInput) => saveToolboxTalk(permitId, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(permitKeys.toolboxTalk(permitId), saved);
    },
    onSettled: refresh,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { competencyKeys, permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import { fetchAllPages } from '@/lib/api/fetchAllPages';
import { ifMatch } from '@/lib/api/ifMatch';
import { useRefreshPermitParts } from './refresh';
import type {
  CompetencyWorkerPage,
  SignatureInput,
  SignOnBody,
  ToolboxTalk,
  ToolboxTalkBody,
  Worker,
  WorkerBody,
} from '@/lib/api/models';

function workersPath(permitId: number): string {
  return `${permitPath(permitId)}workers/`;
}

function toolboxTalkPath(permitId: number): string {
  return `${permitPath(permitId)}toolbox-talk/`;
}

/** Workers of the competency register matching `search` (name, company or ID number), to pick for the crew. */
export function useRegisterWorkers(search: string) {
  return useQuery({
    queryKey: competencyKeys.workers(search),
    queryFn: ({ signal }) =>
      apiRequest<CompetencyWorkerPage>(
        `/api/v1/ptw/competency/workers/?${new URLSearchParams({ q: search, page_size: '20' }).toString()}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/** The workers on the permit, in the order they were added, each with their sign-on for the talk. */
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

/** What a worker gives on the sign-on screen: how they signed, and whether they confirmed the statement. */
export interface SignOnEntry {
  signature: SignatureInput;
  statementConfirmed: boolean;
}

/** What the device adds: its clock at the moment of signing, what it is, and the permit version it showed. */
export interface SignOnContext {
  signedAt: Date;
  device: string;
  permitVersion: number;
}

/**
 * The body of a sign-on, built in one place so a queued sign-on sent later carries exactly what was
 * taken: the device's time, the permit version shown, never the statement text (the server builds it).
 */
export function signOnBody(entry: SignOnEntry, context: SignOnContext): SignOnBody {
  return {
    method: entry.signature.method,
    data: entry.signature.data,
    statement_confirmed: entry.statementConfirmed,
    signed_at: context.signedAt.toISOString(),
    device: context.device.slice(0, 200),
    permit_version: context.permitVersion,
  };
}

/** A short description of this device for the sign-on record, from what the browser says it is. */
export function deviceDescription(userAgent: string = navigator.userAgent): string {
  const platform = /\(([^)]*)\)/.exec(userAgent)?.[1] ?? '';
  const browser = /(Edg|Firefox|Chrome|CriOS|Safari)\/[\d.]+/.exec(userAgent)?.[0] ?? '';
  const touch = /Mobile|Android|iPhone|iPad/.test(userAgent) ? 'mobile' : 'desktop';
  return [platform, browser, touch].filter((part) => part !== '').join(', ').slice(0, 200);
}

export interface SignOnInput {
  workerId: number;
  body: SignOnBody;
  idempotencyKey: string;
}

export function signOnPath(permitId: number, workerId: number): string {
  return `${workersPath(permitId)}${String(workerId)}/sign-on/`;
}

/** A worker signs on for the toolbox talk on this device; answers the worker with their sign-on. */
export function useSignOn(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ workerId, body, idempotencyKey }: SignOnInput) =>
      apiRequest<Worker>(signOnPath(permitId, workerId), {
        method: 'POST',
        body,
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

import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import { useRefreshPermitParts } from './refresh';
import type { Extension, ExtensionBody, ExtensionDecisionBody, Handover, HandoverBody } from '@/lib/api/models';

function extensionsPath(permitId: number): string {
  return `${permitPath(permitId)}extensions/`;
}

function handoversPath(permitId: number): string {
  return `${permitPath(permitId)}handovers/`;
}

/** Every extension asked for on the permit, oldest first, with its decision. */
export function useExtensions(permitId: number) {
  return useQuery({
    queryKey: permitKeys.extensions(permitId),
    queryFn: ({ signal }) => apiRequest<Extension[]>(extensionsPath(permitId), { signal }),
  });
}

export interface RequestExtensionInput {
  body: ExtensionBody;
  idempotencyKey: string;
}

/** Asks for a later planned end; the server decides whether the caller and the permit may. */
export function useRequestExtension(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: RequestExtensionInput) =>
      apiRequest<Extension>(extensionsPath(permitId), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export type ExtensionDecision = 'approve' | 'reject';

export interface DecideExtensionInput {
  extensionId: number;
  decision: ExtensionDecision;
  /** A rejection gives its reason; an approval of a shift-crossing extension re-confirms the controls. */
  body: Partial<ExtensionDecisionBody>;
  idempotencyKey: string;
}

/** An issuer approves (moving the planned end) or rejects a pending extension. */
export function useDecideExtension(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ extensionId, decision, body, idempotencyKey }: DecideExtensionInput) =>
      apiRequest<Extension>(`${extensionsPath(permitId)}${String(extensionId)}/${decision}/`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

/** Every shift handover of the permit, oldest first, with its acknowledgement. */
export function useHandovers(permitId: number) {
  return useQuery({
    queryKey: permitKeys.handovers(permitId),
    queryFn: ({ signal }) => apiRequest<Handover[]>(handoversPath(permitId), { signal }),
  });
}

export interface StartHandoverInput {
  body: HandoverBody;
  idempotencyKey: string;
}

/** The performing authority hands the active permit over to the next shift's person. */
export function useStartHandover(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: StartHandoverInput) =>
      apiRequest<Handover>(handoversPath(permitId), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export interface AcknowledgeHandoverInput {
  handoverId: number;
  idempotencyKey: string;
}

/** The incoming person acknowledges the handover and becomes the permit's performing authority. */
export function useAcknowledgeHandover(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ handoverId, idempotencyKey }: AcknowledgeHandoverInput) =>
      apiRequest<Handover>(`${handoversPath(permitId)}${String(handoverId)}/acknowledge/`, {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

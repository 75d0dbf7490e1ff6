import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from '@/lib/api/client';
import { webhookKeys } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';
import { ifMatch } from '@/lib/api/ifMatch';

type Schemas = components['schemas'];

export type WebhookEndpoint = Schemas['WebhookEndpointOut'];
/**
 * An endpoint with its signing secret, as creating it or rotating its secret answers. The server
 * never stores the secret with an Idempotency-Key's answer: a replayed answer carries null.
 */
export type WebhookEndpointWithSecret = Schemas['WebhookEndpointSecretOut'];
export type WebhookEndpointBody = Schemas['WebhookEndpointInRequest'];
export type WebhookEndpointChanges = Omit<Schemas['PatchedWebhookEndpointUpdateInRequest'], 'version'>;
export type WebhookEvent = Schemas['EventsEnum'];
export type WebhookDelivery = Schemas['WebhookDeliveryOut'];
export type WebhookAttempt = Schemas['WebhookAttemptOut'];
export type WebhookDeliveryPage = Schemas['PaginatedWebhookDeliveryOutList'];

const WEBHOOKS = '/api/v1/ptw/webhooks/';

export function webhookPath(id: number): string {
  return `${WEBHOOKS}${String(id)}/`;
}

export function webhookListUrl(projectId: number): string {
  return `${WEBHOOKS}?${new URLSearchParams({ project: String(projectId) }).toString()}`;
}

export function webhookDeliveriesUrl(id: number, page: number, pageSize: number): string {
  const params = new URLSearchParams({ page: String(page), page_size: String(pageSize) });
  return `${webhookPath(id)}deliveries/?${params.toString()}`;
}

/** The project's webhook endpoints, each with its last delivery; members read them. */
export function useWebhookEndpoints(projectId: number) {
  return useQuery({
    queryKey: webhookKeys.list(projectId),
    queryFn: ({ signal }) => apiRequest<WebhookEndpoint[]>(webhookListUrl(projectId), { signal }),
    refetchOnWindowFocus: true,
  });
}

/** One endpoint, as the page of its deliveries shows it. */
export function useWebhookEndpoint(id: number) {
  return useQuery({
    queryKey: webhookKeys.detail(id),
    queryFn: ({ signal }) => apiRequest<WebhookEndpoint>(webhookPath(id), { signal }),
  });
}

/** One page of an endpoint's deliveries, newest first, each with its attempts; project admins only. */
export function useWebhookDeliveries(id: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, page, pageSize),
    queryFn: ({ signal }) => apiRequest<WebhookDeliveryPage>(webhookDeliveriesUrl(id, page, pageSize), { signal }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}

/** After any webhook write, whether it worked or not: what the server holds now. */
function useRefreshWebhooks() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: webhookKeys.all }), [queryClient]);
}

export interface CreateWebhookInput {
  body: WebhookEndpointBody;
  idempotencyKey: string;
}

/** Registers an endpoint; the answer carries its signing secret, the only time it is shown. */
export function useCreateWebhook() {
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateWebhookInput) =>
      apiRequest<WebhookEndpointWithSecret>(WEBHOOKS, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export interface UpdateWebhookInput {
  id: number;
  /** The version the user edited; a stale one answers 409 version_conflict with the current endpoint. */
  version: number;
  changes: WebhookEndpointChanges;
}

export function useUpdateWebhook() {
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: ({ id, version, changes }: UpdateWebhookInput) =>
      apiRequest<WebhookEndpoint>(webhookPath(id), { method: 'PATCH', body: changes, headers: ifMatch(version) }),
    onSettled: refresh,
  });
}

/** Removes an endpoint and its delivery log. */
export function useDeleteWebhook() {
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: (id: number) => apiRequest<undefined>(webhookPath(id), { method: 'DELETE' }),
    onSettled: refresh,
  });
}

export interface EndpointActionInput {
  id: number;
  idempotencyKey: string;
}

/** Queues a `webhook.test` ping to the endpoint (refused while it is disabled). */
export function useTestWebhook() {
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: ({ id, idempotencyKey }: EndpointActionInput) =>
      apiRequest<WebhookDelivery>(`${webhookPath(id)}test/`, {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

/** A new signing secret; the old one keeps signing beside it until `previous_secret_expires_at`. */
export function useRotateWebhookSecret() {
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: ({ id, idempotencyKey }: EndpointActionInput) =>
      apiRequest<WebhookEndpointWithSecret>(`${webhookPath(id)}rotate-secret/`, {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export interface RedeliverInput {
  deliveryId: number;
  idempotencyKey: string;
}

/** Sends a delivery again from the start of its retry schedule, with the same id and body. */
export function useRedeliver(endpointId: number) {
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: ({ deliveryId, idempotencyKey }: RedeliverInput) =>
      apiRequest<WebhookDelivery>(`${webhookPath(endpointId)}deliveries/${String(deliveryId)}/redeliver/`, {
        method: 'POST',
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from '@/lib/api/client';
import { ifMatch } from '@/lib/api/ifMatch';
import { permitTypeKeys } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type AdminPermitType = Schemas['PermitTypeOut'];
export type PermitTypeChanges = Omit<Schemas['PatchedPermitTypeUpdateInRequest'], 'version' | 'code'>;
export type OverridableField = Schemas['ResetEnum'];
export type FieldKind = Schemas['FieldTypeEnum'];
export type NewPermitType = Pick<Schemas['PermitTypeInRequest'], 'code' | 'name' | 'category'>;

/** Where an edit goes: one project's override of the type, or the tenant-wide type itself (tenant admins). */
export type Scope = number | 'tenant';

const TYPES = '/api/v1/ptw/permit-types/';

export function permitTypeListUrl(scope: Scope): string {
  return scope === 'tenant' ? TYPES : `${TYPES}?project=${String(scope)}`;
}

export function permitTypeUrl(id: number, scope: Scope, action = ''): string {
  const path = `${TYPES}${String(id)}/${action}`;
  return scope === 'tenant' ? path : `${path}?project=${String(scope)}`;
}

/** Every type of the tenant as it applies in `scope`, with how many permits use it there. */
export function useAdminPermitTypes(scope: Scope, enabled: boolean) {
  return useQuery({
    queryKey: permitTypeKeys.admin(scope),
    queryFn: ({ signal }) => apiRequest<AdminPermitType[]>(permitTypeListUrl(scope), { signal }),
    enabled,
  });
}

export function useAdminPermitType(id: number, scope: Scope, enabled: boolean) {
  return useQuery({
    queryKey: permitTypeKeys.detail(id, scope),
    queryFn: ({ signal }) => apiRequest<AdminPermitType>(permitTypeUrl(id, scope), { signal }),
    enabled,
  });
}

/** After any write, whether it worked or not: every view of the types (the permit form's too) reads again. */
function useRefreshTypes() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: permitTypeKeys.all }), [queryClient]);
}

export interface SaveTypeInput {
  id: number;
  scope: Scope;
  /** The version edited (the override's on a project); stale → 409 version_conflict with the current type. */
  version: number;
  body: PermitTypeChanges;
}

export function useSavePermitType() {
  const refresh = useRefreshTypes();
  return useMutation({
    mutationFn: ({ id, scope, version, body }: SaveTypeInput) =>
      apiRequest<AdminPermitType>(permitTypeUrl(id, scope), { method: 'PATCH', body, headers: ifMatch(version) }),
    onSettled: refresh,
  });
}

export interface CreateTypeInput {
  body: NewPermitType;
  idempotencyKey: string;
}

/** Adds a tenant-wide type (tenant admins); the other fields start at their defaults. */
export function useCreatePermitType() {
  const refresh = useRefreshTypes();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: CreateTypeInput) =>
      apiRequest<AdminPermitType>(TYPES, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSettled: refresh,
  });
}

export interface RetireInput {
  id: number;
  version: number;
  retire: boolean;
}

/** Retires a type tenant-wide (no new permits; existing ones keep it), or puts it back in service. */
export function useRetirePermitType() {
  const refresh = useRefreshTypes();
  return useMutation({
    mutationFn: ({ id, version, retire }: RetireInput) =>
      apiRequest<AdminPermitType>(permitTypeUrl(id, 'tenant', retire ? 'retire/' : 'restore/'), {
        method: 'POST',
        headers: ifMatch(version),
      }),
    onSettled: refresh,
  });
}

/** Deletes a type no permit uses (409 in_use otherwise: retire it instead). */
export function useDeletePermitType() {
  const refresh = useRefreshTypes();
  return useMutation({
    mutationFn: (id: number) => apiRequest<undefined>(permitTypeUrl(id, 'tenant'), { method: 'DELETE' }),
    onSettled: refresh,
  });
}

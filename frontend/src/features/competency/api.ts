import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest, apiUpload } from '@/lib/api/client';
import { competencyKeys, permitKeys } from '@/lib/api/keys';
import type {
  Certificate,
  CertificatePage,
  CompetencyWorker,
  CompetencyWorkerBody,
  CompetencyWorkerPage,
  ProjectMember,
} from '@/lib/api/models';
import { ifMatch } from '@/lib/api/ifMatch';

const COMPETENCY = '/api/v1/ptw/competency/';

export interface CertificateFilters {
  kind?: string;
  /** Expiring within this many days (or expired). */
  expiring?: number;
  page: number;
  pageSize: number;
}

export function certificatesUrl(projectId: number, filters: CertificateFilters): string {
  const params = new URLSearchParams({
    project: String(projectId),
    page: String(filters.page),
    page_size: String(filters.pageSize),
  });
  if (filters.kind !== undefined && filters.kind !== '') params.set('kind', filters.kind);
  if (filters.expiring !== undefined) params.set('expiring', String(filters.expiring));
  return `${COMPETENCY}certificates/?${params.toString()}`;
}

/** One page of the project's current certificates, soonest expiry first. */
export function useCertificates(projectId: number, filters: CertificateFilters) {
  return useQuery({
    queryKey: competencyKeys.certificates(projectId, filters),
    queryFn: ({ signal }) => apiRequest<CertificatePage>(certificatesUrl(projectId, filters), { signal }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}

/** The project's members, to name a certificate's holder. */
export function useProjectMembers(projectId: number, enabled: boolean) {
  return useQuery({
    queryKey: competencyKeys.members(projectId),
    queryFn: ({ signal }) => apiRequest<ProjectMember[]>(`/api/v1/projects/${String(projectId)}/members/`, { signal }),
    enabled,
  });
}

/** Workers of the register whose name, company or ID number contains `search`. */
export function useWorkerSearch(search: string, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.workers(search),
    queryFn: ({ signal }) =>
      apiRequest<CompetencyWorkerPage>(
        `${COMPETENCY}workers/?${new URLSearchParams({ q: search, page_size: '20' }).toString()}`,
        { signal },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** After any register write: the register and every permit's readiness (a certificate may change it). */
function useRefreshRegister() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: competencyKeys.all }),
        queryClient.invalidateQueries({ queryKey: permitKeys.all }),
      ]),
    [queryClient],
  );
}

export interface CertificateValues {
  number: string;
  issued_on: string;
  expires_on: string;
  evidence?: File;
}

export interface RecordCertificateInput extends CertificateValues {
  project: number;
  kind: string;
  holder_user?: number;
  holder_worker?: number;
  idempotencyKey: string;
}

type FormValue = string | number | File | undefined;

/** The multipart body: every given field, the evidence file as a file. */
function certificateForm(values: Record<string, FormValue>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    form.append(name, value instanceof File ? value : String(value));
  }
  return form;
}

/** Records a certificate (project admins), with its evidence file when one is chosen. */
export function useRecordCertificate() {
  const refresh = useRefreshRegister();
  return useMutation({
    mutationFn: (input: RecordCertificateInput) =>
      apiUpload<Certificate>(
        `${COMPETENCY}certificates/`,
        certificateForm({
          project: input.project,
          kind: input.kind,
          holder_user: input.holder_user,
          holder_worker: input.holder_worker,
          number: input.number,
          issued_on: input.issued_on,
          expires_on: input.expires_on,
          evidence: input.evidence,
        }),
        { headers: { 'Idempotency-Key': input.idempotencyKey } },
      ),
    onSettled: refresh,
  });
}

export interface RenewCertificateInput extends CertificateValues {
  id: number;
  /** The version the admin saw; a stale one answers 409 with the current certificate. */
  version: number;
}

/** Renews a certificate: a new one of the same holder and kind supersedes it. */
export function useRenewCertificate() {
  const refresh = useRefreshRegister();
  return useMutation({
    mutationFn: (input: RenewCertificateInput) =>
      apiUpload<Certificate>(
        `${COMPETENCY}certificates/${String(input.id)}/renew/`,
        certificateForm({
          number: input.number === '' ? undefined : input.number,
          issued_on: input.issued_on,
          expires_on: input.expires_on,
          evidence: input.evidence,
        }),
        { headers: ifMatch(input.version) },
      ),
    onSettled: refresh,
  });
}

/** Revokes a certificate: it stops counting now; the record stays. */
export function useRevokeCertificate() {
  const refresh = useRefreshRegister();
  return useMutation({
    mutationFn: ({ id, version, reason }: { id: number; version: number; reason: string }) =>
      apiRequest<Certificate>(`${COMPETENCY}certificates/${String(id)}/revoke/`, {
        method: 'POST',
        body: { reason },
        headers: ifMatch(version),
      }),
    onSettled: refresh,
  });
}

/** Records a worker (name, company, ID number) in the register. */
export function useCreateWorker() {
  const refresh = useRefreshRegister();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CompetencyWorkerBody; idempotencyKey: string }) =>
      apiRequest<CompetencyWorker>(`${COMPETENCY}workers/`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

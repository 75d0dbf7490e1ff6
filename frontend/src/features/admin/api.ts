import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from '@/lib/api/client';
import { ifMatch } from '@/lib/api/ifMatch';
import { adminKeys, meQueryKey, tasksQueryKey } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type AdminProject = Schemas['ProjectOut'];
export type Policy = Schemas['PolicyOut'];
export type PoolRule = Schemas['PoolRuleOut'];
export type PtwSettings = Schemas['PtwSettingsOut'];
export type Shifts = Schemas['ShiftsOut'];
export type ProjectChanges = Omit<Schemas['PatchedProjectUpdateInRequest'], 'version'>;
export type Side = Schemas['SideEnum'];
export type Grade = Schemas['GradeEnum'];
export type MemberRole = Schemas['RoleEnum'];
export type Member = Schemas['MemberOut'];
export type MemberChanges = Omit<Schemas['PatchedMemberUpdateInRequest'], 'id' | 'version'>;
export type InviteBody = Schemas['MemberInviteInRequest'];
export type Invited = Schemas['MemberInvitedOut'];
export type Company = Schemas['CompanyOut'];
export type Holder = Schemas['PoolHolderOut'];
export type PolicyPreview = Schemas['PolicyPreviewOut'];
export type AdminChange = Schemas['AdminChangeOut'];
export type AdminChangePage = Schemas['PaginatedAdminChangeOutList'];
export type AdminSubject = 'member' | 'policy' | 'settings';

export function projectUrl(projectId: number, tail = ''): string {
  return `/api/v1/projects/${String(projectId)}/${tail}`;
}

export function historyUrl(projectId: number, subject: AdminSubject, page: number, pageSize: number): string {
  const params = new URLSearchParams({ subject, page: String(page), page_size: String(pageSize) });
  return `${projectUrl(projectId, 'history/')}?${params.toString()}`;
}

/** The project with its policy table, PTW settings and shifts, as an admin edits them. */
export function useAdminProject(projectId: number) {
  return useQuery({
    queryKey: adminKeys.detail(projectId),
    queryFn: ({ signal }) => apiRequest<AdminProject>(projectUrl(projectId), { signal }),
  });
}

/** One page of the project's administration changes of one subject, newest first. */
export function useAdminHistory(projectId: number, subject: AdminSubject, page: number, pageSize: number) {
  return useQuery({
    queryKey: adminKeys.history(projectId, subject, page),
    queryFn: ({ signal }) => apiRequest<AdminChangePage>(historyUrl(projectId, subject, page, pageSize), { signal }),
    placeholderData: keepPreviousData,
  });
}

/**
 * After any admin write, worked or not: the project, its members and history as the server holds them now, and
 * the caller's own capabilities and tasks (a policy or member change may move them).
 */
export function useRefreshAdmin(projectId: number) {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.project(projectId) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: tasksQueryKey }),
      ]),
    [queryClient, projectId],
  );
}

export interface ProjectUpdate {
  /** The version the admin edited; a stale one answers 409 version_conflict with the project as it is. */
  version: number;
  changes: ProjectChanges;
}

/** Saves a change of the policy table, PTW settings or shifts (If-Match). */
export function useUpdateProject(projectId: number) {
  const refresh = useRefreshAdmin(projectId);
  return useMutation({
    mutationFn: ({ version, changes }: ProjectUpdate) =>
      apiRequest<AdminProject>(projectUrl(projectId), { method: 'PATCH', body: changes, headers: ifMatch(version) }),
    onSettled: refresh,
  });
}

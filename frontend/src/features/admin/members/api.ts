import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { ifMatch } from '@/lib/api/ifMatch';
import { adminKeys } from '@/lib/api/keys';
import {
  projectUrl,
  useRefreshAdmin,
  type Company,
  type Invited,
  type InviteBody,
  type Member,
  type MemberChanges,
} from '../api';

/** The project's members, active and deactivated, by name. */
export function useMembers(projectId: number) {
  return useQuery({
    queryKey: adminKeys.members(projectId),
    queryFn: ({ signal }) => apiRequest<Member[]>(projectUrl(projectId, 'members/'), { signal }),
  });
}

/** The tenant's companies, to place a member in. */
export function useCompanies(projectId: number) {
  return useQuery({
    queryKey: adminKeys.companies(projectId),
    queryFn: ({ signal }) => apiRequest<Company[]>(projectUrl(projectId, 'companies/'), { signal }),
    staleTime: 60_000,
  });
}

export interface InviteInput {
  body: InviteBody;
  idempotencyKey: string;
}

/** A new person on the project; the answer carries their one-time initial password. */
export function useInviteMember(projectId: number) {
  const refresh = useRefreshAdmin(projectId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: InviteInput) =>
      apiRequest<Invited>(projectUrl(projectId, 'members/invite/'), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}

export interface MemberUpdate {
  id: number;
  /** The membership version the admin edited; a stale one answers 409 with the member as they are. */
  version: number;
  changes: MemberChanges;
}

/** Changes a member's role, grade, company or state (If-Match). */
export function useUpdateMember(projectId: number) {
  const refresh = useRefreshAdmin(projectId);
  return useMutation({
    mutationFn: ({ id, version, changes }: MemberUpdate) =>
      apiRequest<Member>(projectUrl(projectId, 'members/'), {
        method: 'PATCH',
        body: { id, ...changes },
        headers: ifMatch(version),
      }),
    onSettled: refresh,
  });
}

import { useMe } from './me';

/** The caller's membership role on a project (as /auth/me states it), undefined without a membership. */
export function useProjectRole(projectId: number): string | undefined {
  return useMe().memberships.find((membership) => membership.project.id === projectId)?.role;
}

export function isReadOnlyRole(role: string | undefined): boolean {
  return role === undefined || role === 'viewer';
}

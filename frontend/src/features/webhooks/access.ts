import { useMe, useProjectRole } from '@/lib/session';


/**
 * Whether to offer the caller webhook writes and delivery logs: the server lets project admins and
 * tenant admins have them. Only what is offered; the server still decides every request.
 */
export function useIsProjectAdmin(projectId: number): boolean {
  const role = useProjectRole(projectId);
  return useMe().is_tenant_admin || role === 'project_admin';
}

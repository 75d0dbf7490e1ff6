import { useMe } from '../auth';
import { useProjectRole } from '../permits/parts/access';

/**
 * Whether to offer the caller webhook writes and delivery logs: the server lets project admins and
 * tenant admins have them. Only what is offered; the server still decides every request.
 */
export function useIsProjectAdmin(projectId: number): boolean {
  const role = useProjectRole(projectId);
  return useMe().is_tenant_admin || role === 'project_admin';
}

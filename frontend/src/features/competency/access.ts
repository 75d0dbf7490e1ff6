import { useMe, useProjectRole } from '@/lib/session';

/**
 * Whether to offer the caller the register's writes: the server lets project admins and tenant admins record,
 * renew and revoke certificates. Only what is offered; the server still decides every request.
 */
export function useIsRegisterAdmin(projectId: number): boolean {
  const role = useProjectRole(projectId);
  return useMe().is_tenant_admin || role === 'project_admin';
}

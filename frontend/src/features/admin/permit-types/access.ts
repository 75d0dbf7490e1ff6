import { useSearchParams } from 'react-router-dom';
import { useMe, useProjectRole } from '@/lib/session';
import type { Scope } from './api';

export const SCOPE_PARAM = 'scope';

/** Whether to offer the caller the editor: project admins (their project) and tenant admins. The server decides. */
export function useCanAdministerTypes(projectId: number): boolean {
  const role = useProjectRole(projectId);
  return useMe().is_tenant_admin || role === 'project_admin';
}

/**
 * Where the pages read and write: `?scope=tenant` is the tenant-wide type (tenant admins only), anything else
 * the current project's override. Returns the scope and a setter that keeps the other query parameters.
 */
export function useTypeScope(projectId: number): [Scope, boolean, (tenant: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const tenantAdmin = useMe().is_tenant_admin;
  const scope: Scope = tenantAdmin && params.get(SCOPE_PARAM) === 'tenant' ? 'tenant' : projectId;
  const choose = (tenant: boolean) => {
    const next = new URLSearchParams(params);
    if (tenant) next.set(SCOPE_PARAM, 'tenant');
    else next.delete(SCOPE_PARAM);
    setParams(next);
  };
  return [scope, tenantAdmin, choose];
}

import { useSearchParams } from 'react-router-dom';
import { useMe, type Membership, type ProjectBrief } from './me';

/** The query parameter that carries the chosen project on every page. */
export const PROJECT_PARAM = 'project';

export interface CurrentProject {
  project: ProjectBrief;
  role: string;
  capabilities: readonly string[];
  can: (capability: string) => boolean;
}

/** The membership named by the `project` parameter, else the first one; undefined without any. */
export function chooseMembership(memberships: readonly Membership[], projectParam: string | null): Membership | undefined {
  const chosen = memberships.find((membership) => String(membership.project.id) === projectParam);
  return chosen ?? memberships[0];
}

/** `path` with the project parameter set, keeping its other query parameters. */
export function projectPath(path: string, projectId: number): string {
  const [pathname = '', query = ''] = path.split('?', 2);
  const params = new URLSearchParams(query);
  params.set(PROJECT_PARAM, String(projectId));
  return `${pathname}?${params.toString()}`;
}

/**
 * The project the user works on (from `?project=`, else their first membership), with their role
 * and the capabilities the server grants them there. Only inside the signed-in shell.
 */
export function useCurrentProject(): CurrentProject {
  const me = useMe();
  const [searchParams] = useSearchParams();
  const membership = chooseMembership(me.memberships, searchParams.get(PROJECT_PARAM));
  if (membership === undefined) throw new Error('useCurrentProject needs a user with a project membership');
  const { project, role, capabilities } = membership;
  return { project, role, capabilities, can: (capability) => capabilities.includes(capability) };
}

export { isUnauthorized, meQueryKey, useLogin, useLogout, useMe } from './api';
export type { Me, Membership, ProjectBrief } from './api';
export { PROJECT_PARAM, projectPath, useCurrentProject } from './currentProject';
export type { CurrentProject } from './currentProject';

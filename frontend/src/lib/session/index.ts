/** Who the signed-in user is, which project they work on and their role there: every screen reads it here. */
export { isReadOnlyRole, useProjectRole } from './access';
export { PROJECT_PARAM, projectPath, useCurrentProject } from './currentProject';
export type { CurrentProject } from './currentProject';
export { isUnauthorized, meQuery, useMe } from './me';
export type { Me, Membership, ProjectBrief } from './me';

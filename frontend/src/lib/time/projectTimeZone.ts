import { useMe } from '@/lib/session';

/** The time zone of one of the user's projects (UTC if they are, oddly, not a member). */
export function useProjectTimeZone(projectId: number): string {
  const me = useMe();
  return me.memberships.find((membership) => membership.project.id === projectId)?.project.time_zone ?? 'UTC';
}

import type { Permit, PermitReadiness, PermitType } from '@/lib/api/models';

/** What every tab of a permit's parts is given. */
export interface PartTabProps {
  permit: Permit;
  type: PermitType | undefined;
  readiness: PermitReadiness | undefined;
  timeZone: string;
  /** The caller only reads the permit (a viewer, by their membership role). */
  readOnly: boolean;
}

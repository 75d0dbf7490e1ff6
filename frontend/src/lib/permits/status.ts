/**
 * The one status dictionary of the UI: labels, colours and legacy aliases of the eleven canonical
 * permit statuses (product spec §2.1). Every screen renders statuses through it.
 */

export const STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'active',
  'suspended',
  'handback_pending',
  'completed',
  'cancelled',
  'expired',
  'rejected',
] as const;

export type PermitStatus = (typeof STATUSES)[number];

export interface StatusInfo {
  readonly label: string;
  readonly description: string;
  /** An Ant Design Tag colour. */
  readonly color: string;
  readonly terminal: boolean;
}

export const STATUS_INFO: Readonly<Record<PermitStatus, StatusInfo>> = {
  draft: { label: 'Draft', description: 'Being prepared by the requester', color: 'default', terminal: false },
  submitted: { label: 'Submitted', description: 'Awaiting verification', color: 'blue', terminal: false },
  under_review: { label: 'Verified', description: 'Verified, awaiting issue', color: 'geekblue', terminal: false },
  approved: { label: 'Approved', description: 'Issued, work not started', color: 'cyan', terminal: false },
  active: { label: 'Active', description: 'Work in progress', color: 'green', terminal: false },
  suspended: { label: 'Suspended', description: 'Work stopped', color: 'orange', terminal: false },
  handback_pending: {
    label: 'Handed back',
    description: 'Handed back, awaiting acceptance by an issuer',
    color: 'gold',
    terminal: false,
  },
  completed: { label: 'Completed', description: 'Handed back and closed', color: 'purple', terminal: true },
  cancelled: { label: 'Cancelled', description: 'Withdrawn from use', color: 'default', terminal: true },
  expired: { label: 'Expired', description: 'Authorisation ended by time', color: 'volcano', terminal: false },
  rejected: { label: 'Rejected', description: 'Returned to the requester', color: 'red', terminal: false },
};

/** Legacy names accepted by the server in filters (shown canonical everywhere). */
export const LEGACY_STATUS_ALIASES: Readonly<Record<string, PermitStatus>> = {
  pending_verification: 'submitted',
  verified: 'under_review',
  pending_approval: 'under_review',
  in_progress: 'active',
  closed: 'completed',
};

export function isPermitStatus(value: string): value is PermitStatus {
  return (STATUSES as readonly string[]).includes(value);
}

/** The canonical status for a canonical or legacy name, or undefined when unknown. */
export function canonicalStatus(value: string): PermitStatus | undefined {
  return isPermitStatus(value) ? value : LEGACY_STATUS_ALIASES[value];
}

export function statusInfo(value: string): StatusInfo {
  const status = canonicalStatus(value);
  return status
    ? STATUS_INFO[status]
    : { label: value, description: 'Unknown status', color: 'default', terminal: false };
}

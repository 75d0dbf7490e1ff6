import type { ExtensionStatus } from '@/lib/api/models';

/** Statuses in which a permit is live and its planned end may be extended (the server decides the rest). */
export const EXTENDABLE_STATUSES: readonly string[] = ['approved', 'active', 'suspended'];

/** The only status in which a permit is handed over between shifts. */
export const HANDOVER_STATUS = 'active';

export const EXTENSION_STATUS: Readonly<Record<ExtensionStatus, { label: string; color: string }>> = {
  pending: { label: 'Waiting for a decision', color: 'gold' },
  approved: { label: 'Approved', color: 'success' },
  rejected: { label: 'Rejected', color: 'error' },
};

export const MAX_EXTENSION_REASON = 2000;
export const MAX_HANDOVER_NOTES = 5000;

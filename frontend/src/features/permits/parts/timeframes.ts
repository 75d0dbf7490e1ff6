import type { ExtensionStatus } from '@/lib/api/models';

export const EXTENSION_STATUS: Readonly<Record<ExtensionStatus, { label: string; color: string }>> = {
  pending: { label: 'Waiting for a decision', color: 'gold' },
  approved: { label: 'Approved', color: 'success' },
  rejected: { label: 'Rejected', color: 'error' },
};

export const MAX_EXTENSION_REASON = 2000;
export const MAX_HANDOVER_NOTES = 5000;

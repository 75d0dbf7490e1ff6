import type { Permit } from '@/lib/api/models';

/** The content may be changed exactly when the server lets the caller submit or resubmit it. */
export function canEditContent(permit: Pick<Permit, 'allowed_actions'>): boolean {
  return permit.allowed_actions.includes('submit') || permit.allowed_actions.includes('resubmit');
}

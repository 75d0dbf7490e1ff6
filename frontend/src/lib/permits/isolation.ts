/** How isolations (lockout/tagout) are shown: their states, and the one step each state leads to. */
import type { IsolationStatus, IsolationStep, PermitIsolation } from '@/lib/api/models';

export interface IsolationStateInfo {
  readonly label: string;
  /** An Ant Design Tag colour. */
  readonly color: string;
}

export const ISOLATION_STATES: Readonly<Record<IsolationStatus, IsolationStateInfo>> = {
  assigned: { label: 'Assigned', color: 'default' },
  isolated: { label: 'Applied', color: 'orange' },
  verified: { label: 'Verified', color: 'green' },
  deisolated: { label: 'De-isolated', color: 'blue' },
  reinstated: { label: 'Reinstated', color: 'purple' },
};

export const ISOLATION_ORDER: readonly IsolationStatus[] = [
  'assigned',
  'isolated',
  'verified',
  'deisolated',
  'reinstated',
];

export interface NextStep {
  readonly step: IsolationStep;
  readonly label: string;
}

const NEXT: Readonly<Record<IsolationStatus, NextStep | null>> = {
  assigned: { step: 'isolate', label: 'Apply' },
  isolated: { step: 'verify', label: 'Verify' },
  verified: { step: 'deisolate', label: 'De-isolate' },
  deisolated: { step: 'reinstate', label: 'Confirm reinstated' },
  reinstated: null,
};

/** The step that moves an isolation on from its state (apply → verify → de-isolate → reinstate), or null at the end. */
export function nextStep(status: IsolationStatus | undefined): NextStep | null {
  return status === undefined ? null : NEXT[status];
}

export function isolationState(status: string | undefined): IsolationStateInfo {
  if (status !== undefined && Object.hasOwn(ISOLATION_STATES, status)) return ISOLATION_STATES[status as IsolationStatus];
  return { label: status ?? '—', color: 'default' };
}

/** The lock or tag numbers on an isolation (the schema leaves the list untyped). */
export function lockNumbers(isolation: Pick<PermitIsolation, 'lock_numbers'>): string[] {
  const value: unknown = isolation.lock_numbers;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export const ENERGY_TYPES = [
  'electrical',
  'mechanical',
  'hydraulic',
  'pneumatic',
  'process',
  'chemical',
  'thermal',
  'gravitational',
  'radiation',
] as const satisfies readonly PermitIsolation['energy_type'][];

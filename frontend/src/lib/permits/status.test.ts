import { describe, expect, it } from 'vitest';
import { STATUSES, STATUS_INFO, canonicalStatus, statusInfo } from './status';

describe('status dictionary', () => {
  it('describes every canonical status exactly once', () => {
    expect(Object.keys(STATUS_INFO).sort()).toEqual([...STATUSES].sort());
    expect(STATUSES).toHaveLength(11);
  });

  it('maps legacy names onto canonical ones', () => {
    expect(canonicalStatus('pending_verification')).toBe('submitted');
    expect(canonicalStatus('verified')).toBe('under_review');
    expect(canonicalStatus('pending_approval')).toBe('under_review');
    expect(canonicalStatus('in_progress')).toBe('active');
    expect(canonicalStatus('closed')).toBe('completed');
    expect(canonicalStatus('finished')).toBeUndefined();
  });

  it('labels legacy names with the canonical label and marks terminal statuses', () => {
    expect(statusInfo('in_progress').label).toBe('Active');
    expect(statusInfo('completed').terminal).toBe(true);
    expect(statusInfo('cancelled').terminal).toBe(true);
    expect(statusInfo('expired').terminal).toBe(false);
    expect(statusInfo('mystery')).toMatchObject({ label: 'mystery', color: 'default' });
  });
});

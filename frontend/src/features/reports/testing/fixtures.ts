/** A summary report and the permits behind its exceptions, for the reports feature's tests. */
import { permitFixture } from '@/test/permitFixtures';
import type { ExceptionPermit, ReportSummary } from '../api';

export function summaryFixture(overrides: Partial<ReportSummary> = {}): ReportSummary {
  return {
    date_from: '2026-11-01',
    date_to: '2026-11-30',
    project: 1,
    generated_at: '2026-11-30T12:00:00Z',
    total: 42,
    by_status: [
      { status: 'active', count: 4 },
      { status: 'completed', count: 30 },
      { status: 'submitted', count: 8 },
    ],
    by_type: [
      { id: 2, name: 'Hot work', color: '#f5222d', count: 25 },
      { id: 1, name: 'General / cold work', color: '#1677ff', count: 17 },
    ],
    by_risk: [
      { risk_level: 'high', count: 12 },
      { risk_level: 'low', count: 30 },
      { risk_level: null, count: 3 },
    ],
    exceptions: [
      {
        kind: 'overdue_verification',
        label: 'Overdue verification',
        definition: 'Submitted permits waiting for verification longer than the verification SLA.',
        count: 2,
      },
      { kind: 'overdue_approval', label: 'Overdue approval', definition: 'Verified permits waiting for issue.', count: 0 },
      { kind: 'expiring_soon', label: 'Expiring soon', definition: 'Planned end within 4 h.', count: 1 },
      { kind: 'isolation_pending', label: 'Isolation pending', definition: 'Isolation not yet verified.', count: 3 },
      { kind: 'closeout_pending', label: 'Closeout pending', definition: 'Planned end passed, not handed back.', count: 5 },
      { kind: 'not_closed_properly', label: 'Not closed properly', definition: 'Expired by the system.', count: 1 },
    ],
    durations: [
      {
        key: 'time_to_verify',
        label: 'Average time to verify',
        definition: 'Mean time from submission to verification.',
        average_hours: 3.46,
        permits: 12,
      },
      {
        key: 'time_to_approve',
        label: 'Average time to approve',
        definition: 'Mean time from verification to issue.',
        average_hours: null,
        permits: 0,
      },
      {
        key: 'time_to_close',
        label: 'Average time to close',
        definition: 'Mean time from the start of work to hand-back.',
        average_hours: 26,
        permits: 1,
      },
    ],
    on_time_close_rate: {
      value: 5 / 6,
      completed: 6,
      on_time: 5,
      definition: 'Share of completed permits handed back no later than their planned end.',
    },
    ...overrides,
  };
}

export function exceptionPermitFixture(overrides: Partial<ExceptionPermit> = {}): ExceptionPermit {
  return permitFixture({ status: 'submitted', ...overrides });
}

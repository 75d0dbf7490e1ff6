/** Permits, types and readiness answers for the permit feature's tests. */
import type { PartsOpen, Permit, PermitReadiness, PermitType } from '@/lib/api/models';

/** The statuses in which the server says each part is open: fixtures answer as it would. */
const PARTS_OPEN_IN: Readonly<Record<keyof PartsOpen, readonly string[]>> = {
  extension: ['approved', 'active', 'suspended'],
  handover: ['active'],
  crew: ['draft', 'submitted', 'under_review', 'approved', 'active', 'suspended', 'expired', 'rejected'],
  closeout: ['active', 'suspended'],
};

/** What the permit payload's `parts_open` says in `status`. */
export function partsOpenIn(status: string): PartsOpen {
  return {
    extension: PARTS_OPEN_IN.extension.includes(status),
    handover: PARTS_OPEN_IN.handover.includes(status),
    crew: PARTS_OPEN_IN.crew.includes(status),
    closeout: PARTS_OPEN_IN.closeout.includes(status),
  };
}

export function permitFixture(overrides: Partial<Permit> = {}): Permit {
  const status = overrides.status ?? 'draft';
  return {
    id: 7,
    permit_number: 'PTW-2026-000007',
    project: 1,
    permit_type: { id: 1, code: 'general', name: 'General / cold work', category: 'general', color: '#1677ff' },
    title: 'Replace flange gasket',
    description: 'Line 12, flange F-3.',
    location: 'Unit 3',
    location_node: null,
    latitude: null,
    longitude: null,
    work_order: 'WO-1',
    work_nature: 'day',
    priority: 'normal',
    probability: 2,
    severity: 2,
    risk_score: 4,
    risk_level: 'low',
    hazards: 'Pressure',
    control_measures: 'Drain',
    ppe: ['Safety helmet'],
    checklist: { area_inspected: true },
    parameters: {},
    special_instructions: '',
    planned_start: '2026-11-25T08:00:00Z',
    planned_end: '2026-11-25T16:00:00Z',
    actual_start: null,
    actual_end: null,
    status,
    version: 3,
    requester: { id: 11, name: 'Ravi Menon' },
    named_verifier: null,
    verifier: null,
    issuer: null,
    submitted_at: null,
    verified_at: null,
    approved_at: null,
    closed_at: null,
    created_at: '2026-11-25T07:00:00Z',
    updated_at: '2026-11-25T07:00:00Z',
    allowed_actions: ['submit', 'cancel'],
    parts_open: partsOpenIn(status),
    rejection: null,
    // The caller may use an open part unless a test says otherwise (the server adds the type and the role).
    can: {
      extension: partsOpenIn(status).extension,
      handover: partsOpenIn(status).handover,
      audit_export: false,
      attach: true,
      delete_attachments: status === 'draft',
    },
    depends_on: [],
    dependents: [],
    ...overrides,
  };
}

export function typeFixture(overrides: Partial<PermitType> = {}): PermitType {
  return {
    id: 1,
    code: 'general',
    name: 'General / cold work',
    category: 'general',
    color: '#1677ff',
    risk_level: 'low',
    max_validity_hours: 12,
    closing_mode: 'manual',
    required_competencies: {},
    max_extensions: 2,
    requires_gas_test: false,
    requires_isolation: false,
    requires_fire_watch: false,
    fire_watch_minutes: 60,
    requires_toolbox_talk: false,
    requires_closeout: false,
    min_workers: 0,
    gas_tests_required: [],
    mandatory_ppe: ['Safety helmet', 'Safety shoes'],
    checklist: [
      { key: 'area_inspected', label: 'Work area inspected', required: true },
      { key: 'tools_checked', label: 'Tools checked', required: false },
    ],
    closeout_checklist: [],
    form_fields: [],
    required_attachments: [],
    is_active: true,
    retired: false,
    retired_at: null,
    in_use: 0,
    version: 1,
    project: null,
    overridden: [],
    gas_limits: {},
    // As the server sends them (backend test_risk_assessment pins the same list).
    risk_bands: [
      { level: 'low', max_score: 4 },
      { level: 'medium', max_score: 9 },
      { level: 'high', max_score: 16 },
      { level: 'extreme', max_score: 25 },
    ],
    ...overrides,
  };
}

const NO_REQUIREMENTS = {
  gas_test: false,
  isolation: false,
  toolbox_talk: false,
  closeout: false,
  deisolation: false,
  fire_watch: false,
};

/** Readiness where the listed actions are possible and every other one is refused with `invalid_status`. */
export function readinessFixture(
  allowed: readonly string[],
  blocked: Record<string, { code: string; message: string }[]> = {},
): PermitReadiness {
  const names = ['submit', 'withdraw', 'verify', 'reject', 'resubmit', 'approve', 'activate', 'suspend', 'resume', 'hand_back', 'complete', 'refuse_handback', 'cancel'];
  const actions = Object.fromEntries(
    names.map((name) => {
      if (allowed.includes(name)) return [name, { allowed: true, relevant: true, missing: [] }];
      const missing = blocked[name] ?? [{ code: 'invalid_status', message: `Not possible from this status.` }];
      return [name, { allowed: false, relevant: !missing.some((item) => item.code === 'invalid_status'), missing }];
    }),
  );
  return {
    permit_id: 7,
    status: 'submitted',
    version: 3,
    actions,
    can_verify: allowed.includes('verify'),
    can_approve: allowed.includes('approve'),
    can_activate: allowed.includes('activate'),
    can_hand_back: allowed.includes('hand_back'),
    can_complete: allowed.includes('complete'),
    requires: NO_REQUIREMENTS,
    records: {
      gas_test: { allowed: true, relevant: true, missing: [] },
      isolate: { allowed: true, relevant: true, missing: [] },
      verify_isolation: { allowed: true, relevant: true, missing: [] },
    },
    warnings: [],
  };
}

/** Gas tests, isolations, closeout, crew and register answers for the tests of a permit's parts. */
import { nextStep } from '@/lib/permits/isolation';
import type {
  Closeout,
  GasTest,
  PermitIsolation,
  Project,
  RegisterIsolation,
  ToolboxTalk,
  Worker,
} from '@/lib/api/models';

const MINUTE = 60_000;

/** An instant `minutes` from now (negative: ago), as the server writes it. */
export function minutesFromNow(minutes: number): string {
  return new Date(Date.now() + minutes * MINUTE).toISOString();
}

export function gasTestFixture(overrides: Partial<GasTest> = {}): GasTest {
  return {
    id: 1,
    gas: 'O2',
    value: '20.90',
    unit: '%vol',
    instrument_id: 'GX-2009',
    calibrated_on: '2026-10-26',
    tested_by: { id: 21, name: 'Isabel Clarke' },
    tested_at: '2026-11-25T14:05:00Z',
    location: 'Unit 3, flange F-3',
    result: 'pass',
    limit: { min: '19.5', max: '23.5', max_inclusive: true, unit: '%vol' },
    fresh_until: minutesFromNow(112.5),
    ...overrides,
  };
}

export function isolationFixture(overrides: Partial<PermitIsolation> = {}): PermitIsolation {
  return {
    id: 4,
    point: null,
    name: 'Welding set isolator WS-4',
    energy_type: 'electrical',
    status: 'assigned',
    locks_required: 1,
    lock_numbers: [],
    isolated_by: null,
    isolated_at: null,
    verified_by: null,
    verified_at: null,
    deisolated_by: null,
    deisolated_at: null,
    reinstated_by: null,
    reinstated_at: null,
    reinstatement_tested: null,
    reinstatement_note: '',
    version: 1,
    // The server offers the next step of the isolation's status unless a test says otherwise.
    allowed_actions: [nextStep(overrides.status ?? 'assigned')?.step ?? ''].filter((step) => step !== ''),
    ...overrides,
  };
}

export function closeoutFixture(overrides: Partial<Closeout> = {}): Closeout {
  return {
    permit_id: 7,
    required: true,
    items: [
      {
        key: 'housekeeping',
        label: 'Work area cleaned',
        required: true,
        done: false,
        comment: '',
        answered_by: null,
        answered_at: null,
      },
      {
        key: 'fire_watch_done',
        label: 'Fire watch kept 30 min after work',
        required: false,
        done: false,
        comment: '',
        answered_by: null,
        answered_at: null,
      },
    ],
    complete: false,
    remarks: '',
    work_finished: false,
    work_finished_at: null,
    work_finished_by: null,
    updated_by: null,
    updated_at: null,
    version: 3,
    ...overrides,
  };
}

export function workerFixture(overrides: Partial<Worker> = {}): Worker {
  const name = overrides.name ?? 'Sam Okafor';
  const company = overrides.company ?? 'Acme Site Services';
  return {
    sign_on_declaration: `I, ${name} of ${company}, attended the toolbox talk and understood the hazards and precautions above.`,
    id: 1,
    name: 'Sam Okafor',
    company: 'Acme Site Services',
    trade: 'Welder',
    competency: '',
    added_by: { id: 11, name: 'Ravi Menon' },
    added_at: '2026-11-25T13:00:00Z',
    acknowledged_at: null,
    acknowledged_by: null,
    sign_on: null,
    version: 1,
    ...overrides,
  };
}

export function toolboxTalkFixture(overrides: Partial<ToolboxTalk> = {}): ToolboxTalk {
  return {
    permit_id: 7,
    held: true,
    held_by: { id: 11, name: 'Ravi Menon' },
    held_at: '2026-11-25T13:30:00Z',
    topics: ['Hazards of the work', 'Fire watch'],
    notes: '',
    updated_by: { id: 11, name: 'Ravi Menon' },
    updated_at: '2026-11-25T13:30:00Z',
    sign_on_statement: [
      'Toolbox talk held 25 Nov 2026, 13:30 by Ravi Menon.',
      'Topics: Hazards of the work; Fire watch.',
      'Hazards: Hot work near the tank farm.',
      'Control measures: Fire watch for 60 minutes after work.',
      'PPE: Helmet, Welding visor',
    ].join('\n'),
    workers: 2,
    signed_on: 1,
    version: 2,
    ...overrides,
  };
}

/** The server's default PTW settings. */
export const projectSettingsFixture: Project['ptw_settings'] = {
  gas_test_validity_minutes: 120,
  calibration_max_age_days: 180,
  verification_sla_hours: 4,
  approval_sla_hours: 4,
  expiring_soon_hours: 4,
  reminder_lead_minutes: 60,
  grace_hours: 2,
  closing_mode_default: 'manual',
  gas_limits: {},
};

export function projectFixture(ptwSettings: Record<string, unknown> = {}): Project {
  return {
    id: 1,
    name: 'North Plant',
    code: 'NP',
    time_zone: 'Europe/London',
    shifts: { day: { start: '08:00', end: '18:00' }, night: { start: '20:00', end: '06:00' } },
    // The server answers every setting (its defaults filled in); a test overrides the few it is about.
    ptw_settings: { ...projectSettingsFixture, ...ptwSettings },
    policy: {
      request: [
        { side: 'contractor', grades: ['A', 'B', 'C'] },
        { side: 'epc', grades: ['B', 'C'] },
      ],
      verify: [{ side: 'epc', grades: ['A', 'B'] }],
      approve: [{ side: 'client', grades: ['A', 'B'] }],
    },
    version: 1,
    role: 'member',
    capabilities: ['request'],
  };
}

export function registerIsolationFixture(overrides: Partial<RegisterIsolation> = {}): RegisterIsolation {
  return {
    ...isolationFixture({
      name: 'MCC-3 breaker 7',
      status: 'verified',
      lock_numbers: ['L-1001', 'L-1002'],
      locks_required: 2,
      isolated_by: { id: 21, name: 'Isabel Clarke' },
      isolated_at: '2026-11-25T14:10:00Z',
      verified_by: { id: 22, name: 'Ian Fraser' },
      verified_at: '2026-11-25T14:20:00Z',
    }),
    point: { id: 9, code: 'MCC-3-07', name: 'MCC-3 breaker 7', energy_type: 'electrical' },
    permit: { id: 7, permit_number: 'PTW-2026-000007', title: 'Replace flange gasket', status: 'active' },
    project: 1,
    ...overrides,
  };
}

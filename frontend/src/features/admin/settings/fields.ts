import type { AdminProject, ProjectChanges, PtwSettings } from '../api';

type NumberSetting = Exclude<keyof PtwSettings, 'closing_mode_default' | 'gas_limits'>;

/** The PTW settings the page edits as numbers, each with its label, unit and the server's bounds. */
export const NUMBER_SETTINGS: readonly { key: NumberSetting; label: string; unit: string; min: number; max: number }[] = [
  { key: 'verification_sla_hours', label: 'Verification SLA', unit: 'hours', min: 1, max: 720 },
  { key: 'approval_sla_hours', label: 'Approval SLA', unit: 'hours', min: 1, max: 720 },
  { key: 'reminder_lead_minutes', label: 'Reminder before planned end', unit: 'minutes', min: 0, max: 1440 },
  { key: 'expiring_soon_hours', label: '“Expiring soon” within', unit: 'hours', min: 1, max: 168 },
  { key: 'grace_hours', label: 'Grace after planned end', unit: 'hours', min: 0, max: 72 },
  { key: 'gas_test_validity_minutes', label: 'Gas test validity', unit: 'minutes', min: 5, max: 1440 },
  { key: 'calibration_max_age_days', label: 'Gas meter calibration age', unit: 'days', min: 1, max: 3650 },
];

export const CLOSING_MODES = [
  { value: 'manual', label: 'Manual' },
  { value: 'manual_with_extension', label: 'Manual, with extensions' },
  { value: 'automatic', label: 'Automatic at planned end' },
] as const;

export const SHIFT_FIELDS = [
  { key: 'day_start', shift: 'day', end: 'start', label: 'Day shift starts' },
  { key: 'day_end', shift: 'day', end: 'end', label: 'Day shift ends' },
  { key: 'night_start', shift: 'night', end: 'start', label: 'Night shift starts' },
  { key: 'night_end', shift: 'night', end: 'end', label: 'Night shift ends' },
] as const;

export type SettingsValues = Record<NumberSetting, number> & {
  closing_mode_default: string;
  day_start: string;
  day_end: string;
  night_start: string;
  night_end: string;
};

export type SettingsField = keyof SettingsValues;

export const TIME_OF_DAY = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export function settingsValues(project: AdminProject): SettingsValues {
  const values = { closing_mode_default: project.ptw_settings.closing_mode_default } as SettingsValues;
  for (const { key } of NUMBER_SETTINGS) values[key] = project.ptw_settings[key];
  for (const { key, shift, end } of SHIFT_FIELDS) values[key] = project.shifts[shift][end];
  return values;
}

export function labelOf(field: SettingsField): string {
  if (field === 'closing_mode_default') return 'Default closing mode';
  return (
    NUMBER_SETTINGS.find((setting) => setting.key === field)?.label ??
    SHIFT_FIELDS.find((shift) => shift.key === field)?.label ??
    field
  );
}

/** The fields whose value differs from the project's. */
export function changedFields(project: AdminProject, values: SettingsValues): SettingsField[] {
  const before = settingsValues(project);
  return (Object.keys(before) as SettingsField[]).filter((field) => before[field] !== values[field]);
}

/** The PATCH body of the changed fields only: what the admin changed is what is sent. */
export function settingsChanges(project: AdminProject, values: SettingsValues): ProjectChanges {
  const fields = changedFields(project, values);
  const ptw: Record<string, unknown> = {};
  const shifts: Record<string, { start: string; end: string }> = {};
  for (const field of fields) {
    const shift = SHIFT_FIELDS.find((item) => item.key === field);
    if (shift === undefined) {
      ptw[field] = values[field];
    } else {
      shifts[shift.shift] = { start: values[`${shift.shift}_start`], end: values[`${shift.shift}_end`] };
    }
  }
  const changes: ProjectChanges = {};
  if (Object.keys(ptw).length > 0) changes.ptw_settings = ptw;
  if (Object.keys(shifts).length > 0) changes.shifts = shifts;
  return changes;
}

import type { ConflictRow } from '@/components/ConflictDialog';
import type { AttachmentKind, ChecklistItem, FormField } from '@/lib/api/models';
import { attachmentKindLabel } from '@/lib/permits/attachmentKinds';
import type { AdminPermitType, FieldKind, OverridableField, PermitTypeChanges } from './api';

export interface ChecklistRow {
  key: string;
  label: string;
  required: boolean;
}

export interface FieldRow {
  key: string;
  label: string;
  type: FieldKind;
  required: boolean;
  options: string[];
}

/** One gas's limit as the editor shows it; `max_inclusive` is kept as the server has it. */
export interface GasRow {
  gas: string;
  min: string;
  max: string;
  unit: string;
  max_inclusive?: boolean;
}

/** The editor's values: the type's writable fields, with gas limits as rows. */
export interface TypeValues {
  name: string;
  category: string;
  color: string;
  risk_level: string;
  closing_mode: string;
  max_validity_hours: number;
  max_extensions: number;
  requires_gas_test: boolean;
  requires_isolation: boolean;
  requires_fire_watch: boolean;
  fire_watch_minutes: number;
  requires_toolbox_talk: boolean;
  requires_closeout: boolean;
  min_workers: number;
  required_attachments: AttachmentKind[];
  /** {role: [competency kind codes]}: what each role on a permit of this type holds a valid certificate of (a role
   * the form has not touched is undefined). */
  required_competencies: Record<string, string[] | undefined>;
  mandatory_ppe: string[];
  checklist: ChecklistRow[];
  closeout_checklist: ChecklistRow[];
  form_fields: FieldRow[];
  gas_tests_required: string[];
  gas_limits: GasRow[];
  is_active: boolean;
}

export type EditableField = keyof TypeValues;

/** Every field the editor writes, in the order the editor shows them, with the name a person reads. */
export const FIELD_LABELS: Record<EditableField, string> = {
  name: 'Name',
  category: 'SIMOPS category',
  color: 'Colour',
  risk_level: 'Risk level',
  closing_mode: 'Closing mode',
  max_validity_hours: 'Maximum validity (hours)',
  max_extensions: 'Maximum extensions',
  requires_gas_test: 'Gas testing',
  gas_tests_required: 'Gases to test',
  gas_limits: 'Gas limits',
  requires_isolation: 'Isolation',
  requires_fire_watch: 'Fire watch',
  fire_watch_minutes: 'Fire watch (minutes)',
  requires_toolbox_talk: 'Toolbox talk',
  requires_closeout: 'Closeout checklist',
  min_workers: 'Minimum workers',
  required_attachments: 'Required attachments',
  required_competencies: 'Required competencies',
  mandatory_ppe: 'Mandatory PPE',
  checklist: 'Safety checklist',
  closeout_checklist: 'Closeout items',
  form_fields: 'Template fields',
  is_active: 'Offered for new permits',
};

/** Written only on the tenant-wide type: a project cannot override them. */
export const TENANT_ONLY: readonly EditableField[] = ['name', 'category'];

export const CLOSING_MODES = [
  { value: 'manual', label: 'Manual (closed by people, no extensions)' },
  { value: 'manual_with_extension', label: 'Manual with extensions' },
  { value: 'automatic', label: 'Automatic (ends at the planned end)' },
];

export const RISK_LEVELS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'extreme', label: 'Extreme' },
];

export const FIELD_KINDS: readonly { value: FieldKind; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'textarea', label: 'Long text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'date', label: 'Date' },
  { value: 'select', label: 'Choice (options)' },
];

/** The permit's closing mode as people read it. */
export function closingModeLabel(mode: string): string {
  return CLOSING_MODES.find((item) => item.value === mode)?.label ?? mode;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function gasRows(limits: unknown): GasRow[] {
  if (limits === null || typeof limits !== 'object') return [];
  return Object.entries(limits as Record<string, Record<string, unknown>>).map(([gas, limit]) => ({
    gas,
    min: text(limit.min),
    max: text(limit.max),
    unit: text(limit.unit),
    ...(typeof limit.max_inclusive === 'boolean' ? { max_inclusive: limit.max_inclusive } : {}),
  }));
}

export function typeValues(type: AdminPermitType): TypeValues {
  return {
    name: type.name,
    category: type.category,
    color: type.color,
    risk_level: type.risk_level,
    closing_mode: type.closing_mode,
    max_validity_hours: type.max_validity_hours,
    max_extensions: type.max_extensions,
    requires_gas_test: type.requires_gas_test,
    requires_isolation: type.requires_isolation,
    requires_fire_watch: type.requires_fire_watch,
    fire_watch_minutes: type.fire_watch_minutes,
    requires_toolbox_talk: type.requires_toolbox_talk,
    requires_closeout: type.requires_closeout,
    min_workers: type.min_workers,
    required_attachments: [...type.required_attachments],
    required_competencies: Object.fromEntries(
      Object.entries(type.required_competencies).map(([role, codes]) => [role, [...codes]]),
    ),
    mandatory_ppe: [...type.mandatory_ppe],
    checklist: type.checklist.map((item) => ({ ...item })),
    closeout_checklist: type.closeout_checklist.map((item) => ({ ...item })),
    form_fields: type.form_fields.map((field) => ({ ...field, type: field.type as FieldKind, options: [...field.options] })),
    gas_tests_required: [...type.gas_tests_required],
    gas_limits: gasRows(type.gas_limits),
    is_active: type.is_active,
  };
}

function checklistOf(rows: readonly Partial<ChecklistRow>[] | undefined): ChecklistItem[] {
  return (rows ?? []).map((row) => ({ key: row.key ?? '', label: row.label ?? '', required: row.required ?? false }));
}

function fieldsOf(rows: readonly Partial<FieldRow>[] | undefined): FormField[] {
  return (rows ?? []).map((row) => ({
    key: row.key ?? '',
    label: row.label ?? '',
    type: row.type ?? 'text',
    required: row.required ?? false,
    options: row.type === 'select' ? [...(row.options ?? [])] : [],
  }));
}

function limitsOf(rows: readonly Partial<GasRow>[] | undefined): Record<string, Record<string, unknown>> {
  const limits: Record<string, Record<string, unknown>> = {};
  for (const row of rows ?? []) {
    const limit: Record<string, unknown> = {};
    if ((row.min ?? '').trim() !== '') limit.min = (row.min ?? '').trim();
    if ((row.max ?? '').trim() !== '') limit.max = (row.max ?? '').trim();
    if ((row.unit ?? '').trim() !== '') limit.unit = (row.unit ?? '').trim();
    if (row.max_inclusive !== undefined) limit.max_inclusive = row.max_inclusive;
    limits[(row.gas ?? '').trim()] = limit;
  }
  return limits;
}

/** The request body's value of each editor field (lists and gas limits as the API takes them). */
export function bodyValues(values: Partial<TypeValues>): Partial<Record<EditableField, unknown>> {
  return {
    ...values,
    checklist: checklistOf(values.checklist),
    closeout_checklist: checklistOf(values.closeout_checklist),
    form_fields: fieldsOf(values.form_fields),
    gas_limits: limitsOf(values.gas_limits),
    mandatory_ppe: (values.mandatory_ppe ?? []).map((item) => item.trim()),
    // A role with no kinds is no requirement: left out, as the server keeps it.
    required_competencies: Object.fromEntries(
      Object.entries(values.required_competencies ?? {})
        .map(([role, codes]): [string, string[]] => [role, codes ?? []])
        .filter(([, codes]) => codes.length > 0),
    ),
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What the user changed from `type`: only those fields are sent, so an override stores only what the project
 * really changes and later tenant-wide changes still reach the rest. Tenant-only fields are left out on a project.
 */
export function typeChanges(type: AdminPermitType, values: TypeValues, onProject: boolean): PermitTypeChanges {
  const base = bodyValues(typeValues(type));
  const mine = bodyValues(values);
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(FIELD_LABELS) as EditableField[]) {
    if (onProject && TENANT_ONLY.includes(field)) continue;
    if (!same(base[field], mine[field])) changes[field] = mine[field];
  }
  return changes;
}

/** A field's value as the conflict dialog and the audit read it. */
export function describeValue(field: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '(none)';
    if (field === 'required_attachments') return value.map((kind) => attachmentKindLabel(String(kind))).join(', ');
    return value
      .map((item: unknown) => {
        if (item !== null && typeof item === 'object' && 'label' in item) {
          const row = item as { label: string; required?: boolean };
          return row.required === true ? `${row.label} (required)` : row.label;
        }
        return String(item);
      })
      .join('; ');
  }
  if (field === 'required_competencies' && value !== null && typeof value === 'object') {
    const roles = Object.entries(value as Record<string, string[]>).filter(([, codes]) => codes.length > 0);
    return roles.length === 0 ? '(none)' : roles.map(([role, codes]) => `${role}: ${codes.join(', ')}`).join('; ');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, Record<string, unknown>>)
      .map(([gas, limit]) => `${gas} ${text(limit.min) || '–'}…${text(limit.max) || '–'} ${text(limit.unit)}`.trim())
      .join('; ');
  }
  return '';
}

/** The conflict dialog's rows: each field the user changed, as saved meanwhile beside their change. */
export function typeConflictRows(current: AdminPermitType, changes: PermitTypeChanges): ConflictRow[] {
  const saved = bodyValues(typeValues(current));
  return Object.entries(changes).map(([field, mine]) => ({
    key: field,
    field: FIELD_LABELS[field as EditableField],
    theirs: describeValue(field, saved[field as EditableField]),
    mine: describeValue(field, mine),
  }));
}

/** The fields a project overrides, by the names people read. */
export function overriddenLabels(type: AdminPermitType): { field: OverridableField; label: string }[] {
  return type.overridden.map((field) => ({
    field: field as OverridableField,
    label: FIELD_LABELS[field as EditableField],
  }));
}

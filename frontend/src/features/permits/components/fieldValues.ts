/** Names and plain-text renderings of permit fields, for diffs (conflicts, the timeline). */
import { formatDateTime } from '@/lib/time/format';

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: 'Title',
  description: 'Description',
  location: 'Location',
  latitude: 'Latitude',
  longitude: 'Longitude',
  work_order: 'Work order',
  work_nature: 'Work nature',
  priority: 'Priority',
  probability: 'Probability',
  severity: 'Severity',
  risk_score: 'Risk score',
  risk_level: 'Risk level',
  planned_start: 'Planned start',
  planned_end: 'Planned end',
  hazards: 'Hazards',
  control_measures: 'Control measures',
  special_instructions: 'Special instructions',
  ppe: 'PPE',
  checklist: 'Safety checklist',
  parameters: 'Type details',
  verifier_id: 'Named verifier',
  named_verifier: 'Named verifier',
  named_verifier_id: 'Named verifier',
  requester: 'Performing authority (requester)',
  permit_number: 'Permit number',
  status: 'Status',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replaceAll('_', ' ');
}

const TIME_FIELDS = new Set(['planned_start', 'planned_end', 'actual_start', 'actual_end']);

/** Whether a field (or the last part of a dotted path such as `workers.1.acknowledged_at`) holds a time. */
function isTimeField(field: string): boolean {
  const name = field.slice(field.lastIndexOf('.') + 1);
  return TIME_FIELDS.has(name) || name.endsWith('_at');
}

/** A reference to a person or record as the server writes it into changes: `{id, name}`. */
function isNamedReference(value: object): value is { id: unknown; name: string } {
  return 'id' in value && 'name' in value && typeof value.name === 'string';
}

/** One field's value as text: times in the project's zone, people by name, lists joined, answers as yes/no. */
export function formatFieldValue(field: string, value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (isTimeField(field) && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return formatDateTime(value, timeZone);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => formatFieldValue('', item, timeZone)).join(', ');
  if (typeof value === 'object') {
    if (isNamedReference(value)) return value.name;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return entries.map(([key, item]) => `${key.replaceAll('_', ' ')}: ${formatFieldValue(key, item, timeZone)}`).join('; ');
  }
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The permit form's values and their conversion to and from the API's bodies. The form shows the
 * planned window as wall-clock time on site; PPE as the type's mandatory items plus any others.
 */
import type { Permit, PermitCreateBody, PermitType, PermitUpdateBody } from '@/lib/api/models';
import { isoToWallClock, wallClockToIso } from '@/lib/time/zonedInput';

export type ParameterValue = string | number | boolean | null;

export interface PermitFormValues {
  permit_type?: number;
  title?: string;
  description?: string;
  location?: string;
  /** The node of the project's location tree; the free-text location is its detail. */
  location_node?: number | null;
  /** Permits of the same project this one depends on (ids). */
  depends_on?: number[];
  work_order?: string;
  work_nature?: PermitCreateBody['work_nature'];
  priority?: PermitCreateBody['priority'];
  /** Empty until the risk is assessed (a draft may wait; submitting needs both). */
  probability?: number | null;
  severity?: number | null;
  planned_start?: string;
  planned_end?: string;
  hazards?: string;
  control_measures?: string;
  special_instructions?: string;
  /** The ticked items of the type's mandatory PPE. */
  ppe_mandatory?: string[];
  /** Further PPE beyond the mandatory list. */
  ppe_other?: string[];
  checklist?: Record<string, boolean | undefined>;
  parameters?: Record<string, ParameterValue | undefined>;
  verifier_id?: number | null;
}

/** The content fields a permit body carries (create and update alike). */
export type ContentBody = Omit<PermitCreateBody, 'project' | 'permit_type'> & {
  location_node?: number | null;
  depends_on?: number[];
};

export const LIMITS = { title: 200, location: 200, description: 5000, long: 5000, workOrder: 60 } as const;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A fresh form for a type: its mandatory PPE ticked, its checklist unanswered. */
export function valuesForNewType(type: PermitType | undefined): Partial<PermitFormValues> {
  return {
    ppe_mandatory: [...(type?.mandatory_ppe ?? [])],
    ppe_other: [],
    checklist: Object.fromEntries((type?.checklist ?? []).map((item) => [item.key, false])),
    parameters: {},
  };
}

/** A stored permit as form values, its times on the site's wall clock. */
export function valuesFromPermit(permit: Permit, type: PermitType | undefined, timeZone: string): PermitFormValues {
  const ppe = stringList(permit.ppe);
  const mandatory = type?.mandatory_ppe ?? [];
  const parameters = record(permit.parameters);
  const checklist = record(permit.checklist);
  return {
    permit_type: permit.permit_type.id,
    title: permit.title,
    description: permit.description,
    location: permit.location,
    location_node: permit.location_node?.id ?? null,
    depends_on: permit.depends_on.map((other) => other.id),
    work_order: permit.work_order ?? '',
    work_nature: permit.work_nature,
    priority: permit.priority,
    probability: permit.probability ?? undefined,
    severity: permit.severity ?? undefined,
    planned_start: isoToWallClock(permit.planned_start, timeZone),
    planned_end: isoToWallClock(permit.planned_end, timeZone),
    hazards: permit.hazards ?? '',
    control_measures: permit.control_measures ?? '',
    special_instructions: permit.special_instructions ?? '',
    ppe_mandatory: ppe.filter((item) => mandatory.includes(item)),
    ppe_other: ppe.filter((item) => !mandatory.includes(item)),
    checklist: Object.fromEntries(
      (type?.checklist ?? []).map((item) => [item.key, checklist[item.key] === true]),
    ),
    // Every field of the type gets a value (blank when unanswered), so loading a newer version clears old answers.
    parameters: Object.fromEntries(
      (type?.form_fields ?? []).map((field) => [field.key, (parameters[field.key] ?? undefined) as ParameterValue | undefined]),
    ),
    verifier_id: permit.named_verifier?.id ?? null,
  };
}

/** The content body for the form's values; blank optional choices are left out. */
export function contentBody(values: PermitFormValues, type: PermitType | undefined, timeZone: string): ContentBody {
  const ppe = [...(values.ppe_mandatory ?? []), ...(values.ppe_other ?? [])].map((item) => item.trim());
  const fields = type?.form_fields ?? [];
  const body: ContentBody = {
    title: text(values.title).trim(),
    description: text(values.description).trim(),
    location: text(values.location).trim(),
    location_node: values.location_node ?? null,
    depends_on: [...new Set(values.depends_on ?? [])].sort((a, b) => a - b),
    planned_start: wallClockToIso(text(values.planned_start), timeZone) ?? '',
    planned_end: wallClockToIso(text(values.planned_end), timeZone) ?? '',
    work_order: text(values.work_order).trim(),
    hazards: text(values.hazards).trim(),
    control_measures: text(values.control_measures).trim(),
    special_instructions: text(values.special_instructions).trim(),
    ppe: [...new Set(ppe.filter((item) => item !== ''))],
    checklist: Object.fromEntries((type?.checklist ?? []).map((item) => [item.key, values.checklist?.[item.key] === true])),
    parameters: Object.fromEntries(
      fields.flatMap((field) => {
        const value = values.parameters?.[field.key];
        if (blank(value)) return [];
        return [[field.key, typeof value === 'string' ? value.trim() : value]];
      }),
    ),
    verifier_id: values.verifier_id ?? null,
  };
  if (values.work_nature !== undefined) body.work_nature = values.work_nature;
  if (values.priority !== undefined) body.priority = values.priority;
  // Always sent: a cleared choice is null, so an edit may take an assessment back to "not assessed".
  body.probability = values.probability ?? null;
  body.severity = values.severity ?? null;
  return body;
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stable(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sameInstant(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);
}

/** Only what the user changed relative to the permit as loaded: the PATCH body. */
export function changedContent(body: ContentBody, original: ContentBody): PermitUpdateBody {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const before = (original as Record<string, unknown>)[key];
    if (key === 'planned_start' || key === 'planned_end' ? sameInstant(value, before) : stable(value) === stable(before))
      continue;
    changes[key] = value;
  }
  return changes;
}

/** Server field errors that arrived as nested objects (e.g. list items), flattened to messages. */
export function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(messagesOf);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(messagesOf);
  return [];
}

/** The form item a server field error belongs to. */
export const FIELD_ITEMS: Readonly<Record<string, keyof PermitFormValues>> = {
  title: 'title',
  description: 'description',
  location: 'location',
  location_node: 'location_node',
  depends_on: 'depends_on',
  work_order: 'work_order',
  work_nature: 'work_nature',
  priority: 'priority',
  probability: 'probability',
  severity: 'severity',
  planned_start: 'planned_start',
  planned_end: 'planned_end',
  hazards: 'hazards',
  control_measures: 'control_measures',
  special_instructions: 'special_instructions',
  ppe: 'ppe_other',
  verifier_id: 'verifier_id',
  permit_type: 'permit_type',
};

/** Errors shown on a whole group of inputs rather than on one. */
export const GROUP_FIELDS = ['parameters', 'checklist'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

import type { EnergyType } from '@/lib/api/models';
import { capitalise } from '@/lib/permits/riskLevel';
import type { LibraryPoint, LibraryPointChanges, PointType } from './api';

export const POINT_TYPES = [
  'valve',
  'breaker',
  'switch',
  'disconnect',
  'blind',
  'other',
] as const satisfies readonly PointType[];

/** The fields of the add/edit form, in the order the server's field errors are placed on them. */
export const POINT_FIELDS = [
  'code',
  'name',
  'energy_type',
  'point_type',
  'locks_required',
  'asset_tag',
  'equipment',
  'method',
  'verification_method',
] as const;

const LABELS: Record<string, string> = {
  code: 'Code',
  name: 'Name',
  energy_type: 'Energy',
  point_type: 'Point type',
  locks_required: 'Locks needed',
  asset_tag: 'Asset tag',
  equipment: 'Equipment',
  method: 'How to isolate',
  verification_method: 'How to prove it isolated',
  is_active: 'Status',
};

export function fieldLabel(name: string): string {
  return LABELS[name] ?? name;
}

/** A value as the conflict dialog shows it. */
export function shownValue(name: string, value: unknown): string {
  if (typeof value === 'number') return name === 'equipment' ? `Location #${String(value)}` : String(value);
  if (typeof value === 'boolean') return value ? 'In use' : 'Retired';
  if (typeof value !== 'string' || value === '') return '—';
  return name === 'energy_type' || name === 'point_type' ? capitalise(value) : value;
}

export interface PointValues {
  code: string;
  name: string;
  energy_type?: EnergyType;
  point_type: PointType;
  locks_required: number | null;
  asset_tag: string;
  equipment: number | null;
  method: string;
  verification_method: string;
}

export function valuesOf(point: LibraryPoint | null): PointValues {
  if (point === null) {
    return {
      code: '',
      name: '',
      point_type: 'valve',
      locks_required: 1,
      asset_tag: '',
      equipment: null,
      method: '',
      verification_method: '',
    };
  }
  return {
    code: point.code,
    name: point.name,
    energy_type: point.energy_type,
    point_type: point.point_type,
    locks_required: point.locks_required,
    asset_tag: point.asset_tag,
    equipment: point.equipment,
    method: point.method,
    verification_method: point.verification_method,
  };
}

/** What the form holds that differs from `base` (everything, for a new point), text trimmed. */
export function changesOf(base: LibraryPoint | null, values: PointValues): LibraryPointChanges {
  const wanted: LibraryPointChanges = {
    name: values.name.trim(),
    energy_type: values.energy_type,
    point_type: values.point_type,
    locks_required: values.locks_required ?? 1,
    asset_tag: values.asset_tag.trim(),
    equipment: values.equipment ?? null,
    method: values.method.trim(),
    verification_method: values.verification_method.trim(),
  };
  if (base === null) return wanted;
  const changes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wanted)) {
    if (value !== base[name as keyof LibraryPoint]) changes[name] = value;
  }
  return changes;
}

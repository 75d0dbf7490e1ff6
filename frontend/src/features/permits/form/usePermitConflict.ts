import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConflictRow } from '@/components/ConflictDialog';
import { ApiError } from '@/lib/api/client';
import type { Permit, PermitUpdateBody } from '@/lib/api/models';
import { refreshPermit, updatePermit } from '../api/permits';
import { fieldLabel, formatFieldValue } from '../components/fieldValues';

export interface PermitConflictInput {
  /** The permit as the server has it now (the 409 answer's `current`). */
  current: Permit;
  /** The user's unsaved changes: the PATCH body that met the conflict. */
  changes: PermitUpdateBody;
  /** The version the user started from: fields the other person changed are listed too. */
  original?: Permit;
  timeZone: string;
  /** Names a person by id (the named verifier among the changes). */
  personName?: (id: number) => string | undefined;
  /** The changes are saved on top of the current permit. */
  onReapplied: (permit: Permit) => void;
}

const CONTENT_FIELDS = [
  'title',
  'description',
  'location',
  'work_order',
  'work_nature',
  'priority',
  'probability',
  'severity',
  'planned_start',
  'planned_end',
  'hazards',
  'control_measures',
  'ppe',
  'checklist',
  'parameters',
  'special_instructions',
  'verifier_id',
] as const;

function currentValue(permit: Permit, field: string): unknown {
  if (field === 'verifier_id') return permit.named_verifier?.name ?? null;
  return (permit as unknown as Record<string, unknown>)[field];
}

/** Content fields whose value differs between two versions of a permit. */
function changedBetween(before: Permit, after: Permit): string[] {
  return CONTENT_FIELDS.filter(
    (field) => JSON.stringify(currentValue(before, field)) !== JSON.stringify(currentValue(after, field)),
  );
}

function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'version_conflict';
}

/**
 * A save of a permit's content met a newer version: the rows comparing the latest version with the
 * user's changes (and what the other person changed besides), and re-applying the changes on top of
 * it. A re-apply that meets yet another version compares with that one instead.
 */
export function usePermitConflict({ current, changes, original, timeZone, personName, onReapplied }: PermitConflictInput) {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState(current);
  const reapply = useMutation({
    mutationFn: (base: Permit) => updatePermit({ id: base.id, version: base.version, body: changes }),
    onSuccess: async (permit) => {
      await refreshPermit(queryClient, permit);
      onReapplied(permit);
    },
    onError: (error) => {
      if (isVersionConflict(error) && error.current !== undefined) setLatest(error.current as Permit);
    },
  });

  const mine = changes as Record<string, unknown>;
  const theirsOnly = original === undefined ? [] : changedBetween(original, latest).filter((field) => !(field in mine));
  const rows: ConflictRow[] = [
    ...Object.entries(mine).map(([field, value]) => ({
      key: field,
      field: fieldLabel(field),
      theirs: formatFieldValue(field, currentValue(latest, field), timeZone),
      mine:
        field === 'verifier_id' && typeof value === 'number'
          ? (personName?.(value) ?? `Person #${String(value)}`)
          : formatFieldValue(field, value, timeZone),
    })),
    ...theirsOnly.map((field) => ({
      key: field,
      field: fieldLabel(field),
      theirs: formatFieldValue(field, currentValue(latest, field), timeZone),
      mine: 'Not changed by you (kept as saved)',
    })),
  ];

  return {
    latest,
    rows,
    pending: reapply.isPending,
    error: isVersionConflict(reapply.error) ? null : reapply.error,
    reapply: () => {
      reapply.mutate(latest);
    },
  };
}

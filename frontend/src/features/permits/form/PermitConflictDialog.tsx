import { ConflictDialog } from '@/components/ConflictDialog';
import type { Permit } from '@/lib/api/models';
import { usePermitConflict, type PermitConflictInput } from './usePermitConflict';

export interface PermitConflictDialogProps extends PermitConflictInput {
  /** The user drops their changes and continues from the latest version. */
  onDiscard: (current: Permit) => void;
}

/** A save of the permit's content met a newer version: the shared conflict dialog over the permit's fields. */
export function PermitConflictDialog({ onDiscard, ...input }: PermitConflictDialogProps) {
  const conflict = usePermitConflict(input);
  return (
    <ConflictDialog
      title="This permit was changed by someone else"
      version={conflict.latest.version}
      of={conflict.latest.permit_number}
      rows={conflict.rows}
      pending={conflict.pending}
      error={conflict.error}
      onReapply={conflict.reapply}
      onDiscard={() => {
        onDiscard(conflict.latest);
      }}
    />
  );
}

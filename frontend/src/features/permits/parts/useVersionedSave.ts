import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '@/lib/api/client';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import { isOffline } from '@/lib/offline/online';

interface SaveMutation<Part, Body> {
  mutate: (
    input: { version: number; body: Body },
    callbacks: { onSuccess: (saved: Part) => void; onError: (error: Error) => void },
  ) => void;
  error: Error | null;
  isPending: boolean;
}

/** The user's changes beside the version someone else saved meanwhile. */
export interface VersionConflict<Part, Body> {
  current: Part;
  changes: Body;
}

/**
 * Saving a versioned part of a permit (closeout, toolbox talk) with If-Match: only what changed is sent, a
 * 409 `version_conflict` keeps the user's changes beside the current version (to re-apply on top of it or
 * discard them), and other refusals land on the form's fields or in the error alert.
 */
export function useVersionedSave<Part extends { version: number }, Body extends object>(
  form: FormInstance,
  save: SaveMutation<Part, Body>,
  fields: readonly string[],
  onSaved: (saved: Part, notice: string | null) => void,
  onDiscard: (current: Part) => void,
  /** The server could not be reached: the form keeps the changes on the device instead. */
  onUnreachable?: (base: Part, changes: Body) => void,
) {
  const [conflict, setConflict] = useState<VersionConflict<Part, Body> | null>(null);
  const [placed, setPlaced] = useState<string[]>([]);
  const [unchanged, setUnchanged] = useState(false);

  const send = (base: Part, version: number, changes: Body, notice: string | null) => {
    setPlaced([]);
    save.mutate(
      { version, body: changes },
      {
        onSuccess: (saved) => {
          setConflict(null);
          onSaved(saved, notice);
        },
        onError: (error) => {
          if (onUnreachable !== undefined && isOffline(error)) {
            onUnreachable(base, changes);
            return;
          }
          if (error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined) {
            setConflict({ current: error.current as Part, changes });
            return;
          }
          setPlaced(placeFieldErrors(form, error, fields));
        },
      },
    );
  };

  /** Sends the changes made on top of `base`, or says that nothing changed. */
  const submit = (base: Part, changes: Body) => {
    const empty = Object.keys(changes).length === 0;
    setUnchanged(empty);
    if (empty) return;
    if (onUnreachable !== undefined && isOffline()) onUnreachable(base, changes);
    else send(base, base.version, changes, null);
  };

  /** Saves the user's changes again, on top of the version that conflicted. */
  const reapply = (pending: VersionConflict<Part, Body>) => {
    send(
      pending.current,
      pending.current.version,
      pending.changes,
      `Your changes were saved on top of version ${String(pending.current.version)}.`,
    );
  };

  const conflictError = save.error instanceof ApiError && save.error.code === 'version_conflict' ? null : save.error;

  /** The conflict dialog's version and choices: re-apply the changes on top of that version, or drop them. */
  const conflictActions = (pending: VersionConflict<Part, Body>) => ({
    version: pending.current.version,
    pending: save.isPending,
    error: conflictError,
    onReapply: () => {
      reapply(pending);
    },
    onDiscard: () => {
      setConflict(null);
      onDiscard(pending.current);
    },
  });

  return {
    conflict,
    conflictActions,
    placed,
    unchanged,
    clearUnchanged: () => {
      setUnchanged(false);
    },
    submit,
    conflictError,
  };
}

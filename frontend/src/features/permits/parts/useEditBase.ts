import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

/**
 * The version of a permit's part that a form edits. Untouched, the form follows the server's
 * latest; from the first change it keeps the version the user started from, so a save meets any
 * newer one as a 409 conflict instead of silently overwriting it or losing the user's input.
 */
export function useEditBase<Part extends { version: number }>(latest: Part, queryKey: QueryKey) {
  const queryClient = useQueryClient();
  const [pinned, setPinned] = useState<Part | null>(null);
  const edit = useCallback(() => {
    setPinned((current) => current ?? latest);
  }, [latest]);
  /** Starts again from `current` (saved, or the version kept after discarding a conflict). */
  const restart = useCallback(
    (current: Part) => {
      queryClient.setQueryData(queryKey, current);
      setPinned(null);
    },
    [queryClient, queryKey],
  );
  return { base: pinned ?? latest, edit, restart };
}

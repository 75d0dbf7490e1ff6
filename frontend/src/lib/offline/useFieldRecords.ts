import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api/client';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import { permitKeys } from '@/lib/api/keys';
import type { Permit } from '@/lib/api/models';
import { meQueryKey } from '@/lib/api/keys';
import type { Me } from '@/lib/session';
import { sendPendingRecords } from './send';
import { addRecord, deleteRecord, recordsOf, subscribeToRecords, type FieldRecord } from './records';

/**
 * The signed-in user's id, as the session gate loaded it; read without suspending, so a part's form
 * rendered on its own (in tests) still renders. Undefined before anyone signed in.
 */
function useSignedInUserId(): number | undefined {
  const queryClient = useQueryClient();
  return queryClient.getQueryData<Me>(meQueryKey)?.id;
}

/** The signed-in user's field records kept on this device (of one permit, if given), in the order made. */
export function useFieldRecords(permitId?: number): FieldRecord[] {
  const userId = useSignedInUserId();
  const [records, setRecords] = useState<FieldRecord[]>([]);
  useEffect(() => {
    if (userId === undefined) return;
    let current = true;
    const load = () => {
      recordsOf(userId)
        .then((all) => {
          if (current) setRecords(permitId === undefined ? all : all.filter((record) => record.permitId === permitId));
        })
        .catch(() => {
          // IndexedDB unavailable (private mode in some browsers): nothing is kept, nothing to list.
        });
    };
    load();
    const stop = subscribeToRecords(load);
    return () => {
      current = false;
      stop();
    };
  }, [userId, permitId]);
  return records;
}

export interface MakeRecordInput {
  kind: string;
  summary: string;
  body: Record<string, unknown>;
  seen?: unknown;
  /** The key of a direct attempt whose answer never came, so the record repeats it harmlessly. */
  idempotencyKey?: string;
  /** The permit version the user saw; by default the loaded permit's. */
  permitVersion?: number;
}

/** Reads the version of the permit as this device last read it (undefined if it did not). */
export function usePermitVersionReader(permitId: number): () => number | undefined {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.getQueryData<Permit>(permitKeys.detail(permitId))?.version, [queryClient, permitId]);
}

/** The words every form shows when it kept a record on the device. */
export const SAVED_ON_DEVICE = 'Saved on this device — will be sent when signal returns.';

/**
 * Keeps a field record of the permit on this device, taken against the permit version the user sees,
 * with its own Idempotency-Key; it is sent when signal returns.
 */
export function useFieldRecorder(permitId: number) {
  const queryClient = useQueryClient();
  return useCallback(
    async ({ kind, summary, body, seen = null, idempotencyKey, permitVersion }: MakeRecordInput): Promise<FieldRecord> => {
      const version = permitVersion ?? queryClient.getQueryData<Permit>(permitKeys.detail(permitId))?.version;
      if (version === undefined) throw new Error('The permit is not loaded on this device: open it while there is signal.');
      const userId = queryClient.getQueryData<Me>(meQueryKey)?.id;
      if (userId === undefined) throw new Error('Sign in to keep records on this device.');
      const record = await addRecord({
        kind,
        userId,
        permitId,
        permitVersion: version,
        idempotencyKey: idempotencyKey ?? newIdempotencyKey(),
        madeAt: new Date().toISOString(),
        summary,
        body,
        seen,
      });
      if (navigator.onLine) void sendPendingRecords(userId);
      return record;
    },
    [permitId, queryClient],
  );
}

/** The user's answers to a refused record: drop it, or make it again against the permit as it is now. */
export function useRefusedRecordActions() {
  const queryClient = useQueryClient();
  const dismiss = useCallback((record: FieldRecord) => deleteRecord(record.id), []);
  const makeAgain = useCallback(
    async (record: FieldRecord) => {
      const permit = await apiRequest<Permit>(`/api/v1/ptw/permits/${String(record.permitId)}/`);
      queryClient.setQueryData(permitKeys.detail(permit.id), permit);
      await addRecord({
        kind: record.kind,
        userId: record.userId,
        permitId: record.permitId,
        permitVersion: permit.version,
        idempotencyKey: newIdempotencyKey(),
        madeAt: record.madeAt,
        summary: record.summary,
        body: record.body,
        seen: record.seen,
      });
      await deleteRecord(record.id);
      if (navigator.onLine) void sendPendingRecords(record.userId, { force: true });
    },
    [queryClient],
  );
  return { dismiss, makeAgain };
}

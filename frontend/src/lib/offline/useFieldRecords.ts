import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { apiRequest } from '@/lib/api/client';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import { permitKeys } from '@/lib/api/keys';
import type { Permit } from '@/lib/api/models';
import { useMe } from '@/lib/session';
import { sendPendingRecords } from './send';
import { addRecord, deleteRecord, recordsOf, subscribeToRecords, type FieldRecord } from './records';

/** The signed-in user's field records kept on this device (of one permit, if given), in the order made. */
export function useFieldRecords(permitId?: number): FieldRecord[] {
  const me = useMe();
  const [records, setRecords] = useState<FieldRecord[]>([]);
  useEffect(() => {
    let current = true;
    const load = () => {
      recordsOf(me.id)
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
  }, [me.id, permitId]);
  return records;
}

export interface MakeRecordInput {
  kind: string;
  summary: string;
  body: Record<string, unknown>;
  seen?: unknown;
}

/**
 * Keeps a field record of the permit on this device, taken against the permit version the user sees,
 * with its own Idempotency-Key; it is sent when signal returns.
 */
export function useFieldRecorder(permitId: number) {
  const me = useMe();
  const queryClient = useQueryClient();
  return useCallback(
    async ({ kind, summary, body, seen = null }: MakeRecordInput): Promise<FieldRecord> => {
      const permit = queryClient.getQueryData<Permit>(permitKeys.detail(permitId));
      if (permit === undefined) throw new Error('The permit is not loaded on this device.');
      const record = await addRecord({
        kind,
        userId: me.id,
        permitId,
        permitVersion: permit.version,
        idempotencyKey: newIdempotencyKey(),
        madeAt: new Date().toISOString(),
        summary,
        body,
        seen,
      });
      if (navigator.onLine) void sendPendingRecords(me.id);
      return record;
    },
    [me.id, permitId, queryClient],
  );
}

/** The user's answers to a refused record: drop it, or make it again against the permit as it is now. */
export function useRefusedRecordActions() {
  const queryClient = useQueryClient();
  const me = useMe();
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
      if (navigator.onLine) void sendPendingRecords(me.id, { force: true });
    },
    [me.id, queryClient],
  );
  return { dismiss, makeAgain };
}

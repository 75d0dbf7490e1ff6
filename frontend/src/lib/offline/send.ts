/**
 * Sends the user's pending field records to the server, in the order they were made: a record the
 * server could not take yet (no signal, a server error) holds back the later ones and is retried
 * with backoff; a record the server refused (4xx) is marked refused with its reason and the next
 * one goes. A record is marked sent as soon as the server took it, and its Idempotency-Key makes a
 * send whose answer was lost harmless to repeat.
 */
import { ApiError } from '@/lib/api/client';
import { ChangedMeanwhile, recordKinds, type RecordKind } from './kinds';
import { getRecord, recordsOf, updateRecord, type FieldRecord } from './records';

const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 5 * 60_000;
/** Answers that say "not now" rather than "not this": the record is tried again later. */
const RETRY_STATUSES = new Set([0, 401, 408, 425, 429]);
const RETRY_CODES = new Set(['idempotency_in_progress', 'version_conflict']);

export type Outcome = { status: 'sent' } | { status: 'refused'; reason: string } | { status: 'pending' };

/** What one attempt's error means for the record. */
export function classify(error: unknown): Outcome {
  if (error instanceof ChangedMeanwhile) return { status: 'refused', reason: error.message };
  if (error instanceof ApiError) {
    if (RETRY_STATUSES.has(error.status) || error.status >= 500 || RETRY_CODES.has(error.code)) {
      return { status: 'pending' };
    }
    return { status: 'refused', reason: error.message };
  }
  return { status: 'pending' };
}

/** The wait before attempt `attempts + 1`: 5 s, doubling, at most 5 min. */
export function backoff(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface SendReport {
  sent: FieldRecord[];
  refused: FieldRecord[];
  /** Records still waiting (no signal, or their retry time has not come). */
  waiting: number;
}

let running: Promise<SendReport> | null = null;

async function underLock<T>(work: () => Promise<T>): Promise<T> {
  // Two tabs of the same user must not send the same records at once.
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request('ptw-field-records', work);
  }
  return work();
}

async function sendOne(record: FieldRecord, kind: RecordKind | undefined, now: () => number): Promise<Outcome> {
  if (kind === undefined) return { status: 'refused', reason: `This version of PTW cannot send “${record.kind}” records.` };
  try {
    await kind.send(record);
    return { status: 'sent' };
  } catch (error) {
    const outcome = classify(error);
    if (outcome.status === 'pending') {
      await updateRecord(record.id, (stored) => ({
        ...stored,
        attempts: stored.attempts + 1,
        nextAttemptAt: now() + backoff(stored.attempts + 1),
      }));
    }
    return outcome;
  }
}

async function sendAll(userId: number, kinds: Record<string, RecordKind>, now: () => number): Promise<SendReport> {
  const report: SendReport = { sent: [], refused: [], waiting: 0 };
  const pending = (await recordsOf(userId, now())).filter((record) => record.status === 'pending');
  for (const [index, listed] of pending.entries()) {
    // Read again: another tab may have sent it meanwhile.
    const record = await getRecord(listed.id);
    if (record?.status !== 'pending') continue;
    if (record.nextAttemptAt > now()) {
      report.waiting = pending.length - index;
      break;
    }
    const outcome = await sendOne(record, kinds[record.kind], now);
    if (outcome.status === 'pending') {
      report.waiting = pending.length - index;
      break;
    }
    const at = new Date(now()).toISOString();
    if (outcome.status === 'sent') {
      await updateRecord(record.id, (stored) => ({ ...stored, status: 'sent', sentAt: at, reason: null }));
      report.sent.push(record);
    } else {
      await updateRecord(record.id, (stored) => ({ ...stored, status: 'refused', reason: outcome.reason }));
      report.refused.push(record);
    }
  }
  return report;
}

/**
 * Sends what is due of the user's pending records; a call while a send is running joins it. `force`
 * ignores the backoff (signal came back, or the user asked).
 */
export function sendPendingRecords(
  userId: number,
  { force = false, kinds = recordKinds, now = Date.now }: { force?: boolean; kinds?: Record<string, RecordKind>; now?: () => number } = {},
): Promise<SendReport> {
  running ??= underLock(async () => {
    if (force) {
      for (const record of await recordsOf(userId, now())) {
        if (record.status === 'pending' && record.nextAttemptAt > now()) {
          await updateRecord(record.id, (stored) => ({ ...stored, nextAttemptAt: 0 }));
        }
      }
    }
    return sendAll(userId, kinds, now);
  }).finally(() => {
    running = null;
  });
  return running;
}

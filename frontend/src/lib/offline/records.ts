/**
 * Field records made without signal, kept on the device (IndexedDB) until the server has them: each
 * with the Idempotency-Key made with it and the permit version it was taken against.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type RecordStatus = 'pending' | 'sent' | 'refused';

export interface FieldRecord {
  /** Assigned by the store in the order records are made: the order they are sent in. */
  id: number;
  /** A key of the kinds table (kinds.ts). */
  kind: string;
  /** Whose record it is: only their session sends it, only they see it. */
  userId: number;
  permitId: number;
  /** The permit's `version` the record was taken against; the server refuses it if the permit moved on. */
  permitVersion: number;
  idempotencyKey: string;
  /** When the record was made, on the device (ISO 8601). */
  madeAt: string;
  /** What the record says, for the list of records ("O2 20.9 %vol"). */
  summary: string;
  /** The request body, without `permit_version` (added when it is sent). */
  body: Record<string, unknown>;
  /** For versioned parts: what the user saw when they made the record, to tell a change made meanwhile. */
  seen: unknown;
  status: RecordStatus;
  attempts: number;
  /** Not sent again before this time (epoch ms): the backoff after a failed attempt. */
  nextAttemptAt: number;
  /** Why the server (or the changed-meanwhile check) refused it. */
  reason: string | null;
  sentAt: string | null;
}

export type NewFieldRecord = Omit<FieldRecord, 'id' | 'status' | 'attempts' | 'nextAttemptAt' | 'reason' | 'sentAt'>;

interface OfflineDb extends DBSchema {
  records: { key: number; value: FieldRecord; indexes: { byUser: number } };
}

const DB_NAME = 'ptw-offline';
const CHANNEL = 'ptw-field-records';
/** Sent records stay listed this long, so the user sees that they arrived. */
const SENT_KEPT_MS = 24 * 60 * 60 * 1000;

let database: Promise<IDBPDatabase<OfflineDb>> | null = null;

function db(): Promise<IDBPDatabase<OfflineDb>> {
  database ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(upgrading) {
      const store = upgrading.createObjectStore('records', { keyPath: 'id', autoIncrement: true });
      store.createIndex('byUser', 'userId');
    },
  });
  return database;
}

type Listener = () => void;
const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
channel?.addEventListener('message', () => {
  for (const listener of listeners) listener();
});

/** Calls `listener` whenever records change, in this tab or another; returns the unsubscribe. */
export function subscribeToRecords(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function changed(): void {
  for (const listener of listeners) listener();
  channel?.postMessage('changed');
}

/** Stores a new record as pending; it is sent after every earlier record of its user. */
export async function addRecord(record: NewFieldRecord): Promise<FieldRecord> {
  const store = await db();
  const pending = { ...record, status: 'pending', attempts: 0, nextAttemptAt: 0, reason: null, sentAt: null } as const;
  // The store assigns the id (autoIncrement keyPath), so the stored value has none yet.
  const id = await store.add('records', pending as FieldRecord);
  changed();
  return { ...pending, id };
}

/** The user's records in the order they were made; sent ones older than a day are forgotten. */
export async function recordsOf(userId: number, now = Date.now()): Promise<FieldRecord[]> {
  const store = await db();
  const records = await store.getAllFromIndex('records', 'byUser', userId);
  const expired = records.filter(
    (record) => record.status === 'sent' && record.sentAt !== null && now - Date.parse(record.sentAt) > SENT_KEPT_MS,
  );
  if (expired.length > 0) {
    const tx = store.transaction('records', 'readwrite');
    await Promise.all([...expired.map((record) => tx.store.delete(record.id)), tx.done]);
  }
  return records.filter((record) => !expired.includes(record)).sort((a, b) => a.id - b.id);
}

export async function getRecord(id: number): Promise<FieldRecord | undefined> {
  return (await db()).get('records', id);
}

/** Changes a stored record; `update` sees the stored value, so a record marked sent stays sent. */
export async function updateRecord(id: number, update: (record: FieldRecord) => FieldRecord): Promise<void> {
  const store = await db();
  const tx = store.transaction('records', 'readwrite');
  const record = await tx.store.get(id);
  if (record !== undefined) await tx.store.put(update(record));
  await tx.done;
  changed();
}

/** Removes a record the user dismissed (a refused one) or made again. */
export async function deleteRecord(id: number): Promise<void> {
  await (await db()).delete('records', id);
  changed();
}

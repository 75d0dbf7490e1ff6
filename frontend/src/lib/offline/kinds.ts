/**
 * The kinds of field records the device keeps while there is no signal, one entry each: how the record
 * is sent and what the user is told about it. Adding a kind is one entry here (and the form that makes it).
 */
import { apiRequest } from '@/lib/api/client';
import { ifMatch } from '@/lib/api/ifMatch';
import type { Closeout, ToolboxTalk } from '@/lib/api/models';
import type { FieldRecord } from './records';

/** A record refused on the device: what it would change was changed meanwhile by someone else. */
export class ChangedMeanwhile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChangedMeanwhile';
  }
}

export interface RecordKind {
  /** "Gas reading", shown beside the record's summary. */
  label: string;
  /** Sends the record once; throws ApiError (the server's answer, or no answer) or ChangedMeanwhile. */
  send: (record: FieldRecord) => Promise<void>;
}

function permitPath(record: FieldRecord): string {
  return `/api/v1/ptw/permits/${String(record.permitId)}/`;
}

function bodyOf(record: FieldRecord): Record<string, unknown> {
  return { ...record.body, permit_version: record.permitVersion };
}

/** A record that is one POST to `permits/{id}/<path>`, made idempotent by the record's key. */
export function postKind(label: string, path: (record: FieldRecord) => string): RecordKind {
  return {
    label,
    send: async (record) => {
      await apiRequest(`${permitPath(record)}${path(record)}`, {
        method: 'POST',
        body: bodyOf(record),
        headers: { 'Idempotency-Key': record.idempotencyKey },
      });
    },
  };
}

/** What the user saw of the closeout when answering: the version, and each item they answered. */
export interface CloseoutSeen {
  version: number;
  items: Record<string, { done: boolean; comment: string; answeredAt: string | null }>;
  remarks: string;
}

export function closeoutSeen(closeout: Closeout, answered: readonly string[]): CloseoutSeen {
  const items: CloseoutSeen['items'] = {};
  for (const item of closeout.items) {
    if (answered.includes(item.key)) {
      items[item.key] = { done: item.done, comment: item.comment, answeredAt: item.answered_at };
    }
  }
  return { version: closeout.version, items, remarks: closeout.remarks };
}

interface CloseoutChanges {
  answers?: Record<string, { done: boolean; comment: string }>;
  remarks?: string;
  work_finished?: boolean;
}

/**
 * Whether the closeout already holds every change of the record (a send whose answer was lost), or
 * else the reason it cannot be sent: an item answered, or the remarks changed, since the user saw them.
 * Changes the record's own user made (an earlier record of theirs) do not count as someone else's.
 */
export function closeoutCheck(current: Closeout, record: FieldRecord): { applied: boolean; conflict: string | null } {
  const changes = record.body as CloseoutChanges;
  const seen = record.seen as CloseoutSeen;
  let applied = true;
  for (const [key, answer] of Object.entries(changes.answers ?? {})) {
    const item = current.items.find((candidate) => candidate.key === key);
    if (item === undefined) return { applied: false, conflict: `The closeout no longer has the item “${key}”.` };
    if (item.done !== answer.done || item.comment !== answer.comment) applied = false;
    const before = seen.items[key];
    const touched =
      item.answered_at !== before?.answeredAt || item.done !== before.done || item.comment !== before.comment;
    const byThisUser = item.answered_by?.id === record.userId;
    const sameAnswer = item.done === answer.done && item.comment === answer.comment;
    if (touched && !byThisUser && !sameAnswer) {
      const who = item.answered_by?.name ?? 'someone else';
      return { applied: false, conflict: `“${item.label}” was answered meanwhile by ${who}.` };
    }
  }
  if (changes.remarks !== undefined) {
    if (current.remarks !== changes.remarks) applied = false;
    if (current.remarks !== seen.remarks && current.remarks !== changes.remarks) {
      const who = current.updated_by?.name ?? 'someone else';
      return { applied: false, conflict: `The closeout remarks were changed meanwhile by ${who}.` };
    }
  }
  if (changes.work_finished === true && !current.work_finished) applied = false;
  return { applied, conflict: null };
}

/** What the user saw of the toolbox talk when recording it. */
export interface ToolboxTalkSeen {
  version: number;
}

const closeoutKind: RecordKind = {
  label: 'Closeout answers',
  send: async (record) => {
    const path = `${permitPath(record)}closeout/`;
    const current = await apiRequest<Closeout>(path);
    const { applied, conflict } = closeoutCheck(current, record);
    if (conflict !== null) throw new ChangedMeanwhile(conflict);
    if (applied) return;
    await apiRequest<Closeout>(path, {
      method: 'PUT',
      body: bodyOf(record),
      headers: { ...ifMatch(current.version), 'Idempotency-Key': record.idempotencyKey },
    });
  },
};

const toolboxTalkKind: RecordKind = {
  label: 'Toolbox talk',
  send: async (record) => {
    const path = `${permitPath(record)}toolbox-talk/`;
    const current = await apiRequest<ToolboxTalk>(path);
    const seen = record.seen as ToolboxTalkSeen;
    // A change of the user's own (an earlier record of theirs) is built upon; anyone else's is not overwritten.
    if (current.version !== seen.version && current.updated_by?.id !== record.userId) {
      const who = current.updated_by?.name ?? 'someone else';
      throw new ChangedMeanwhile(`The toolbox talk was recorded meanwhile by ${who}.`);
    }
    await apiRequest<ToolboxTalk>(path, {
      method: 'PUT',
      body: bodyOf(record),
      headers: { ...ifMatch(current.version), 'Idempotency-Key': record.idempotencyKey },
    });
  },
};

/** What the device showed when a worker signed on: which worker of the permit it was. */
export interface SignOnSeen {
  workerId: number;
}

/** Every kind of field record, by the name stored with each record. */
export const recordKinds: Record<string, RecordKind> = {
  'gas-test': postKind('Gas reading', () => 'gas-tests/'),
  'sign-on': postKind('Crew sign-on', (record) => `workers/${String((record.seen as SignOnSeen).workerId)}/sign-on/`),
  closeout: closeoutKind,
  'toolbox-talk': toolboxTalkKind,
  comment: postKind('Comment', () => 'comments/'),
};

/** The toolbox talk form's values and what a save sends. */
import { formatDateTime } from '@/lib/time/format';
import type { ToolboxTalk, ToolboxTalkBody } from '@/lib/api/models';
import { isoToWallClock, wallClockToIso } from '@/lib/time/zonedInput';
import type { ConflictRow } from '@/components/ConflictDialog';

export interface ToolboxTalkValues {
  /** Wall-clock time on site, as the wall-clock value of the date-time picker ("2026-11-25T14:00"). */
  held_at?: string;
  topics?: string[];
  notes?: string;
}

export function toolboxTalkValues(talk: ToolboxTalk, timeZone: string, now: Date): ToolboxTalkValues {
  return {
    held_at: isoToWallClock(talk.held_at ?? now.toISOString(), timeZone),
    topics: [...talk.topics],
    notes: talk.notes,
  };
}

function cleanTopics(topics: readonly string[] | undefined): string[] {
  return (topics ?? []).map((topic) => topic.trim()).filter((topic) => topic !== '');
}

/** What changed against the talk as saved; the first record always names its time and topics. */
export function toolboxTalkChanges(base: ToolboxTalk, values: ToolboxTalkValues, timeZone: string): ToolboxTalkBody {
  const body: ToolboxTalkBody = {};
  const heldAt = values.held_at ? wallClockToIso(values.held_at, timeZone) : null;
  if (heldAt !== null && (base.held_at === null || Date.parse(base.held_at) !== Date.parse(heldAt))) body.held_at = heldAt;
  const topics = cleanTopics(values.topics);
  if (!base.held || JSON.stringify(topics) !== JSON.stringify(base.topics)) body.topics = topics;
  const notes = (values.notes ?? '').trim();
  if (notes !== base.notes) body.notes = notes;
  return body;
}

/** The user's changes beside the talk saved meanwhile. */
export function toolboxTalkConflictRows(current: ToolboxTalk, changes: ToolboxTalkBody, timeZone: string): ConflictRow[] {
  const rows: ConflictRow[] = [];
  const time = (iso: string | null | undefined) => (iso == null ? '—' : formatDateTime(iso, timeZone));
  if (changes.held_at !== undefined)
    rows.push({ key: 'held_at', field: 'Held at', theirs: time(current.held_at), mine: time(changes.held_at) });
  if (changes.topics !== undefined)
    rows.push({
      key: 'topics',
      field: 'Topics',
      theirs: current.topics.join(', ') || '—',
      mine: changes.topics.join(', ') || '—',
    });
  if (changes.notes !== undefined)
    rows.push({ key: 'notes', field: 'Notes', theirs: current.notes || '—', mine: changes.notes || '—' });
  return rows;
}

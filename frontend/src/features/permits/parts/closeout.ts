/** The closeout form's values and what a save sends: only what changed (the server merges answers item by item). */
import type { Closeout, CloseoutBody } from '@/lib/api/models';
import type { ConflictRow } from '@/components/ConflictDialog';

export interface CloseoutValues {
  answers?: Record<string, { done?: boolean; comment?: string } | undefined>;
  remarks?: string;
  work_finished?: boolean;
}

export function closeoutValues(closeout: Closeout): CloseoutValues {
  return {
    answers: Object.fromEntries(closeout.items.map((item) => [item.key, { done: item.done, comment: item.comment }])),
    remarks: closeout.remarks,
    work_finished: closeout.work_finished,
  };
}

/** The changes of the form against the closeout it started from; empty when nothing changed. */
export function closeoutChanges(base: Closeout, values: CloseoutValues): CloseoutBody {
  const body: CloseoutBody = {};
  const answers: NonNullable<CloseoutBody['answers']> = {};
  for (const item of base.items) {
    const value = values.answers?.[item.key];
    const done = value?.done ?? item.done;
    const comment = (value?.comment ?? item.comment).trim();
    if (done !== item.done || comment !== item.comment) answers[item.key] = { done, comment };
  }
  if (Object.keys(answers).length > 0) body.answers = answers;
  const remarks = (values.remarks ?? base.remarks).trim();
  if (remarks !== base.remarks) body.remarks = remarks;
  if (values.work_finished === true && !base.work_finished) body.work_finished = true;
  return body;
}

/** The changes as one line for the list of records kept on the device: "Area left clean: Done; remarks". */
export function closeoutSummary(base: Closeout, changes: CloseoutBody): string {
  const parts = Object.entries(changes.answers ?? {}).map(([key, answer]) => {
    const label = base.items.find((item) => item.key === key)?.label ?? key;
    return `${label}: ${answerText(answer)}`;
  });
  if (changes.remarks !== undefined) parts.push('remarks');
  if (changes.work_finished === true) parts.push('work finished');
  return parts.join('; ');
}

function answerText(answer: { done: boolean; comment?: string } | undefined): string {
  if (answer === undefined) return '—';
  const state = answer.done ? 'Done' : 'Not done';
  return answer.comment ? `${state} — ${answer.comment}` : state;
}

/** The user's changes beside the closeout saved meanwhile. */
export function closeoutConflictRows(current: Closeout, changes: CloseoutBody): ConflictRow[] {
  const rows: ConflictRow[] = Object.entries(changes.answers ?? {}).map(([key, answer]) => {
    const item = current.items.find((candidate) => candidate.key === key);
    return { key: `answers.${key}`, field: item?.label ?? key, theirs: answerText(item), mine: answerText(answer) };
  });
  if (changes.remarks !== undefined)
    rows.push({ key: 'remarks', field: 'Remarks', theirs: current.remarks || '—', mine: changes.remarks || '—' });
  if (changes.work_finished !== undefined)
    rows.push({
      key: 'work_finished',
      field: 'Work finished',
      theirs: current.work_finished ? 'yes' : 'no',
      mine: changes.work_finished ? 'yes' : 'no',
    });
  return rows;
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ApiError } from '@/lib/api/client';
import { useWriteIntent } from '@/lib/api/idempotency';
import { permitKeys } from '@/lib/api/keys';
import type { ActionBody, Permit, PermitType, PermitUpdateBody } from '@/lib/api/models';
import { postPermitAction } from '../api/actions';
import { useCreatePermit, useUpdatePermit } from '../api/permits';
import {
  changedContent,
  contentBody,
  FIELD_ITEMS,
  GROUP_FIELDS,
  messagesOf,
  valuesForNewType,
  valuesFromPermit,
  type GroupField,
  type PermitFormValues,
} from './formModel';

export interface PermitFormInput {
  project: { id: number; time_zone: string };
  types: readonly PermitType[];
  /** The draft or rejected permit being edited; absent for a new one. */
  permit?: Permit;
  /** Saved (and submitted, if asked): where to go next. */
  onDone: (permit: Permit) => void;
}

type Intent = 'draft' | 'submit';

interface Conflict {
  current: Permit;
  changes: PermitUpdateBody;
}

/** What went wrong on save that belongs to no single input. */
interface FormProblem {
  error: Error;
}

/**
 * The permit form's state and writes: saving a draft (create with an Idempotency-Key, or a PATCH of
 * only what changed, with If-Match), submitting after the signature dialog, the server's field
 * errors on their inputs or groups, and a version conflict kept for the conflict dialog.
 */
export function usePermitForm({ project, types, permit, onDone }: PermitFormInput) {
  const [form] = Form.useForm<PermitFormValues>();
  const queryClient = useQueryClient();
  const timeZone = project.time_zone;
  const [base, setBase] = useState<Permit | undefined>(permit);
  const [signing, setSigning] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [groupErrors, setGroupErrors] = useState<Partial<Record<GroupField, string[]>>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const intent = useRef<Intent>('draft');
  const saveKey = useWriteIntent();
  const submitKey = useWriteIntent();
  const create = useCreatePermit();
  const update = useUpdatePermit();
  const submit = useMutation({
    mutationFn: ({ permitId, body, action }: { permitId: number; body: ActionBody; action: 'submit' | 'resubmit' }) =>
      postPermitAction(permitId, { action, body, idempotencyKey: submitKey.keyFor(action) }),
    // Not awaited: the submitted permit is no longer editable, and a refetch finished before the form's own
    // onSuccess would unmount the form (the edit page shows "cannot be edited") before it navigates away.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: permitKeys.all });
    },
  });

  const typeId = Form.useWatch('permit_type', form) ?? permit?.permit_type.id;
  const type = types.find((candidate) => candidate.id === typeId);
  const submitAction: 'submit' | 'resubmit' = base?.allowed_actions.includes('resubmit') === true ? 'resubmit' : 'submit';
  const saving = create.isPending || update.isPending || submit.isPending;

  const initialValues = useMemo<PermitFormValues>(() => {
    if (permit === undefined) return { priority: 'normal', work_nature: 'day', verifier_id: null };
    return valuesFromPermit(permit, types.find((candidate) => candidate.id === permit.permit_type.id), timeZone);
  }, [permit, types, timeZone]);

  const showServerErrors = (error: ApiError) => {
    const entries = Object.entries(error.fields as Record<string, unknown>);
    const onItems = entries.flatMap(([field, messages]) => {
      const item = FIELD_ITEMS[field];
      return item === undefined ? [] : [{ name: item, errors: messagesOf(messages) }];
    });
    form.setFields(onItems);
    const groups: Partial<Record<GroupField, string[]>> = {};
    for (const [field, messages] of entries)
      if ((GROUP_FIELDS as readonly string[]).includes(field)) groups[field as GroupField] = messagesOf(messages);
    setGroupErrors(groups);
    const unplaced = entries.some(([field]) => !(field in FIELD_ITEMS) && !(field in groups));
    if (unplaced || entries.length === 0) setProblem({ error });
    const first = onItems[0];
    if (first !== undefined) form.scrollToField(first.name);
  };

  /** Stores the form's content; the saved permit, or null when the save failed (errors shown). */
  const save = async (): Promise<Permit | null> => {
    const values = form.getFieldsValue(true) as PermitFormValues;
    const content = contentBody(values, type, timeZone);
    setProblem(null);
    setNotice(null);
    setGroupErrors({});
    try {
      let saved: Permit;
      if (base === undefined) {
        saved = await create.mutateAsync({
          body: { ...content, project: project.id, permit_type: values.permit_type ?? 0 },
          idempotencyKey: saveKey.keyFor('create'),
        });
        saveKey.renew();
      } else {
        const original = contentBody(valuesFromPermit(base, type, timeZone), type, timeZone);
        const changes = changedContent(content, original);
        if (Object.keys(changes).length === 0) return base;
        try {
          saved = await update.mutateAsync({ id: base.id, version: base.version, body: changes });
        } catch (error) {
          if (error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined) {
            setConflict({ current: error.current as Permit, changes });
            return null;
          }
          throw error;
        }
      }
      setBase(saved);
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid') showServerErrors(error);
      else setProblem({ error: error instanceof Error ? error : new Error(String(error)) });
      return null;
    }
  };

  const validate = async (next: Intent): Promise<boolean> => {
    intent.current = next;
    try {
      await form.validateFields({ recursive: true });
      return true;
    } catch {
      return false;
    }
  };

  const saveDraft = async () => {
    if (!(await validate('draft'))) return;
    const saved = await save();
    if (saved !== null) onDone(saved);
  };

  const startSubmit = async () => {
    if (!(await validate('submit'))) return;
    submit.reset();
    submitKey.renew();
    setSigning(true);
  };

  const confirmSubmit = async (body: ActionBody) => {
    const saved = await save();
    if (saved === null) {
      setSigning(false);
      return;
    }
    submit.mutate(
      { permitId: saved.id, body, action: submitAction },
      {
        onSuccess: (submitted) => {
          setSigning(false);
          onDone(submitted);
        },
      },
    );
  };

  const continueFrom = (next: Permit) => {
    setBase(next);
    setConflict(null);
    form.resetFields();
    form.setFieldsValue(valuesFromPermit(next, types.find((candidate) => candidate.id === next.permit_type.id), timeZone));
  };

  /** The other person's version, or the user's changes saved on top of it: the form continues from it. */
  const resolveConflict = (next: Permit, notice: string) => {
    continueFrom(next);
    setNotice(notice);
  };

  const changeType = (changed: PermitFormValues) => {
    if (changed.permit_type !== undefined && permit === undefined)
      form.setFieldsValue(valuesForNewType(types.find((candidate) => candidate.id === changed.permit_type)));
  };

  return {
    form,
    base,
    type,
    initialValues,
    saving,
    draftSaving: create.isPending || update.isPending,
    submitAction,
    submitError: submit.error,
    signing,
    conflict,
    groupErrors,
    problem,
    notice,
    submitting: () => intent.current === 'submit',
    changeType,
    saveDraft,
    startSubmit,
    confirmSubmit,
    cancelSigning: () => {
      setSigning(false);
    },
    resolveConflict,
  };
}

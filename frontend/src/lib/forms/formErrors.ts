import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '@/lib/api/client';
import { useWriteIntent } from '@/lib/api/idempotency';

/**
 * Puts the server's field errors on the form's own fields; returns the names placed, so the
 * error alert leaves them out. Fields the form does not have stay in the alert.
 */
export function placeFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  const placed = Object.entries(error.fields).filter(([name]) => fields.includes(name));
  form.setFields(placed.map(([name, errors]) => ({ name, errors })));
  return placed.map(([name]) => name);
}

interface CreateMutation<TBody> {
  mutate: (
    input: { body: TBody; idempotencyKey: string },
    callbacks: { onSuccess: () => void; onError: (error: Error) => void },
  ) => void;
}

/**
 * Sends a form's new record with one Idempotency-Key per intent (reused on a retry of the same body), puts the
 * server's field errors on the form's fields, and after success calls `onCreated` (default: clear the form).
 * Returns `send` and the field names whose errors are shown on the form (for the error alert to leave out).
 */
export function useCreateForm<TBody>(
  form: FormInstance,
  mutation: CreateMutation<TBody>,
  fields: readonly string[],
  onCreated?: () => void,
) {
  const intent = useWriteIntent();
  const [placed, setPlaced] = useState<string[]>([]);
  const send = (body: TBody) => {
    setPlaced([]);
    mutation.mutate(
      { body, idempotencyKey: intent.keyFor(body) },
      {
        onSuccess: () => {
          intent.settle(null);
          if (onCreated) onCreated();
          else form.resetFields();
        },
        onError: (error) => {
          intent.settle(error);
          setPlaced(placeFieldErrors(form, error, fields));
        },
      },
    );
  };
  return { send, placed };
}

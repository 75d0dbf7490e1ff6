import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useWriteIntent } from '@/lib/api/idempotency';
import type { CommentBody } from '@/lib/api/models';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import { isOffline } from '@/lib/offline/online';
import { SAVED_ON_DEVICE, useFieldRecorder } from '@/lib/offline/useFieldRecords';
import { useAddComment } from '../api/events';

const FIELDS = ['text'] as const;
const MAX_TEXT = 2000;
const SUMMARY_LENGTH = 60;

interface CommentValues {
  text?: string;
}

/**
 * Adds a comment to the permit's timeline (members who act; viewers only read). Without signal the
 * comment is kept on the device with the time it was written, and sent when signal returns.
 */
export function CommentForm({ permitId }: { permitId: number }) {
  const [form] = Form.useForm<CommentValues>();
  const add = useAddComment(permitId);
  const intent = useWriteIntent();
  const recorder = useFieldRecorder(permitId);
  const [placed, setPlaced] = useState<string[]>([]);
  const [kept, setKept] = useState(false);
  const [keepError, setKeepError] = useState<Error | null>(null);

  const keep = (body: CommentBody, idempotencyKey: string) => {
    const summary = body.text.length > SUMMARY_LENGTH ? `${body.text.slice(0, SUMMARY_LENGTH)}…` : body.text;
    recorder({ kind: 'comment', summary, body: { ...body }, idempotencyKey }).then(
      () => {
        intent.renew();
        add.reset();
        form.resetFields();
        setKept(true);
      },
      (error: unknown) => {
        setKeepError(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };

  const submit = (values: CommentValues) => {
    const text = (values.text ?? '').trim();
    const idempotencyKey = intent.keyFor({ text });
    // When it was written: kept with a comment that waits on the device for signal.
    const body: CommentBody = { text, written_at: new Date().toISOString() };
    setPlaced([]);
    setKept(false);
    setKeepError(null);
    if (isOffline()) {
      keep(body, idempotencyKey);
      return;
    }
    add.mutate(
      { body: { text }, idempotencyKey },
      {
        onSuccess: () => {
          intent.settle(null);
          form.resetFields();
        },
        onError: (error) => {
          if (isOffline(error)) {
            keep(body, idempotencyKey);
            return;
          }
          intent.settle(error);
          setPlaced(placeFieldErrors(form, error, FIELDS));
        },
      },
    );
  };

  const error = keepError ?? (isOffline(add.error) ? null : add.error);
  return (
    <Form<CommentValues>
      form={form}
      name={`comment-${String(permitId)}`}
      layout="vertical"
      onFinish={submit}
      disabled={add.isPending}
    >
      <Form.Item
        name="text"
        label="Add a comment"
        rules={[
          { required: true, whitespace: true, message: 'Write the comment.' },
          { max: MAX_TEXT, message: `At most ${String(MAX_TEXT)} characters.` },
        ]}
      >
        <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      {error && <ErrorAlert error={error} shownFields={placed} />}
      {kept && <Alert type="info" showIcon role="status" message={SAVED_ON_DEVICE} />}
      <Button type="primary" htmlType="submit" loading={add.isPending} style={{ marginTop: 8 }}>
        Add comment
      </Button>
    </Form>
  );
}

import { Button, Form, Input } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useCreateForm } from '@/lib/forms/formErrors';
import type { CommentBody } from '@/lib/api/models';
import { useAddComment } from '../api/events';

const FIELDS = ['text'] as const;
const MAX_TEXT = 2000;

interface CommentValues {
  text?: string;
}

/** Adds a comment to the permit's timeline (members who act; viewers only read). */
export function CommentForm({ permitId }: { permitId: number }) {
  const [form] = Form.useForm<CommentValues>();
  const add = useAddComment(permitId);
  const { send, placed } = useCreateForm(form, add, FIELDS);

  const submit = (values: CommentValues) => {
    const body: CommentBody = { text: (values.text ?? '').trim() };
    send(body);
  };

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
      {add.error && <ErrorAlert error={add.error} shownFields={placed} />}
      <Button type="primary" htmlType="submit" loading={add.isPending} style={{ marginTop: 8 }}>
        Add comment
      </Button>
    </Form>
  );
}

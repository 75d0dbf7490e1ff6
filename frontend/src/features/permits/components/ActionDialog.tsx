import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../lib/api/client';
import type { ActionBody, PermitAction } from '../api/types';
import { ACTIONS } from './actionCatalog';
import { ActionErrorAlert } from './ActionErrorAlert';
import { signatureMatches, typedSignature } from './signature';

const MAX_TEXT = 2000;
const DIALOG_FIELDS = ['reason', 'signature', 'comment'] as const;

interface DialogValues {
  reason?: string;
  signature?: string;
  comment?: string;
}

export interface ActionDialogProps {
  /** The action to confirm; null keeps the dialog closed. */
  action: PermitAction | null;
  /** The signed-in user's registered full name: the typed signature must match it. */
  signerName: string;
  /** What the action acts on, e.g. the permit number, for the title. */
  subject?: string;
  pending: boolean;
  error: Error | null;
  onConfirm: (body: ActionBody) => void;
  onCancel: () => void;
}

function bodyOf(values: DialogValues, needsSignature: boolean): ActionBody {
  const body: ActionBody = { reason: values.reason?.trim() ?? '', comment: values.comment?.trim() ?? '' };
  if (needsSignature) body.signature = typedSignature(values.signature ?? '');
  return body;
}

/**
 * Asks for what an action needs before it is sent: a reason (reject, suspend, cancel), a typed-name
 * signature (submit, verify, approve, …) or a confirmation; shows the server's refusal in place.
 */
export function ActionDialog({ action, signerName, subject, pending, error, onConfirm, onCancel }: ActionDialogProps) {
  const [form] = Form.useForm<DialogValues>();
  const reason = Form.useWatch('reason', form) ?? '';
  const signature = Form.useWatch('signature', form) ?? '';
  const presentation = action === null ? null : ACTIONS[action];
  const input = presentation?.input;

  const open = presentation !== null;
  // Every act is signed afresh: a new dialog never carries the last one's reason or signature.
  useEffect(() => {
    form.resetFields();
  }, [action, form]);
  useEffect(() => {
    if (!open) return;
    const fields = error instanceof ApiError ? error.fields : {};
    form.setFields(DIALOG_FIELDS.map((name) => ({ name, errors: fields[name] ?? [] })));
  }, [error, form, open]);

  const ready =
    (input !== 'reason' || reason.trim() !== '') &&
    (input !== 'signature' || signatureMatches(signature, signerName));

  const submit = (values: DialogValues) => {
    onConfirm(bodyOf(values, input === 'signature'));
  };

  return (
    <Modal
      open={open}
      title={presentation === null ? '' : [presentation.label, subject].filter(Boolean).join(' — ')}
      okText={presentation?.label}
      okButtonProps={{ disabled: !ready, loading: pending, danger: presentation?.danger, htmlType: 'submit' }}
      cancelText="Close"
      onOk={() => {
        form.submit();
      }}
      onCancel={onCancel}
      destroyOnHidden
      maskClosable={!pending}
    >
      {presentation !== null && (
        <Form<DialogValues> form={form} layout="vertical" onFinish={submit} disabled={pending} requiredMark>
          <Typography.Paragraph>{presentation.explanation}</Typography.Paragraph>
          {input === 'reason' && (
            <Form.Item
              name="reason"
              label="Reason"
              rules={[
                { required: true, whitespace: true, message: 'Give a reason.' },
                { max: MAX_TEXT, message: `At most ${String(MAX_TEXT)} characters.` },
              ]}
            >
              <Input.TextArea rows={3} maxLength={MAX_TEXT} showCount />
            </Form.Item>
          )}
          {input !== 'reason' && (
            <Form.Item
              name="comment"
              label="Comment (optional)"
              rules={[{ max: MAX_TEXT, message: `At most ${String(MAX_TEXT)} characters.` }]}
            >
              <Input.TextArea rows={2} maxLength={MAX_TEXT} />
            </Form.Item>
          )}
          {input === 'signature' && (
            <Form.Item
              name="signature"
              label="Sign: type your full name"
              extra={`Your name as registered in PTW: ${signerName}`}
              rules={[
                { required: true, whitespace: true, message: 'Type your full name to sign.' },
                {
                  validator: (_rule, value: string | undefined) =>
                    value === undefined || value.trim() === '' || signatureMatches(value, signerName)
                      ? Promise.resolve()
                      : Promise.reject(new Error('The name does not match your registered name.')),
                },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          )}
          {error !== null && <ActionErrorAlert error={error} shownFields={DIALOG_FIELDS} />}
        </Form>
      )}
    </Modal>
  );
}

import { Form, Input, Segmented, Typography } from 'antd';
import { useEffect } from 'react';
import { FormDialog } from '@/components/FormDialog';
import { ApiError } from '@/lib/api/client';
import type { ActionBody, PermitAction, SignatureInput } from '@/lib/api/models';
import { ACTIONS } from './actionCatalog';
import { drawnSignature, MAX_DRAWN_LENGTH, signatureMatches, typedSignature } from './signature';
import { SignaturePad } from './SignaturePad';
import type { Conflict } from '../simops/types';
import { ConflictAcknowledgement } from '../simops/ConflictAcknowledgement';

const MAX_TEXT = 2000;
const DIALOG_FIELDS = ['reason', 'signature', 'comment', 'acknowledge_conflicts'] as const;

type SignatureMethod = SignatureInput['method'];

const METHOD_OPTIONS: { label: string; value: SignatureMethod }[] = [
  { label: 'Type name', value: 'typed' },
  { label: 'Draw', value: 'drawn' },
];

interface DialogValues {
  reason?: string;
  method?: SignatureMethod;
  /** The typed name. */
  signature?: string;
  /** The drawn signature as a PNG data URL; null once cleared. */
  drawing?: string | null;
  comment?: string;
  /** Approving over warn conflicts: the issuer has considered them. */
  acknowledge_conflicts?: boolean;
}

/** A new dialog offers the typed name first, as before drawing was possible. */
const INITIAL_VALUES: DialogValues = { method: 'typed' };

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
  /**
   * Warn conflicts not yet acknowledged (SIMOPS): approving lists them and needs the issuer to tick that they
   * considered them and to comment; the body then carries `acknowledge_conflicts: true`.
   */
  warnings?: readonly Conflict[];
  /** Where the warnings' permits and windows are shown. */
  project?: { id: number; time_zone: string };
}

/** Conflicts are acknowledged when approving only. */
function acknowledging(action: PermitAction | null, warnings: readonly Conflict[]): boolean {
  return action === 'approve' && warnings.length > 0;
}

function bodyOf(values: DialogValues, needsSignature: boolean, acknowledge: boolean): ActionBody {
  const body: ActionBody = {
    reason: values.reason?.trim() ?? '',
    comment: values.comment?.trim() ?? '',
    acknowledge_conflicts: acknowledge && values.acknowledge_conflicts === true,
  };
  if (needsSignature)
    body.signature =
      values.method === 'drawn' ? drawnSignature(values.drawing ?? '') : typedSignature(values.signature ?? '');
  return body;
}

/** Whether a drawing can be sent: there is one, and it is within the server's size limit. */
function drawingFits(drawing: string | null | undefined): drawing is string {
  return drawing != null && drawing.length <= MAX_DRAWN_LENGTH;
}

/**
 * Asks for what an action needs before it is sent: a reason (reject, suspend, cancel), a signature
 * (submit, verify, approve, …), typed as the registered name or drawn, or a confirmation; shows the
 * server's refusal in place.
 */
export function ActionDialog({
  action,
  signerName,
  subject,
  pending,
  error,
  onConfirm,
  onCancel,
  warnings = [],
  project = { id: 0, time_zone: 'UTC' },
}: ActionDialogProps) {
  const [form] = Form.useForm<DialogValues>();
  const reason = Form.useWatch('reason', form) ?? '';
  const signature = Form.useWatch('signature', form) ?? '';
  const method = Form.useWatch('method', form) ?? 'typed';
  const drawing = Form.useWatch('drawing', form);
  const comment = Form.useWatch('comment', form) ?? '';
  const acknowledged = Form.useWatch('acknowledge_conflicts', form) === true;
  const acknowledge = acknowledging(action, warnings);
  const presentation = action === null ? null : ACTIONS[action];
  const input = presentation?.input;

  const open = presentation !== null;
  // Every act is signed afresh: a new dialog never carries the last one's reason, signature or
  // signing method.
  useEffect(() => {
    form.resetFields();
  }, [action, form]);
  useEffect(() => {
    if (!open) return;
    const fields = error instanceof ApiError ? error.fields : {};
    // A refused signature is shown on what was signed with: the form cannot change while sending.
    const signatureField = form.getFieldValue('method') === 'drawn' ? 'drawing' : 'signature';
    // A local check still running (started by the last stroke or keystroke before sending) is older than the
    // server's answer: it is dropped, so it cannot wipe the refusal when it ends.
    form.setFields(
      DIALOG_FIELDS.map((name) => {
        const errors = fields[name] ?? [];
        const field = name === 'signature' ? signatureField : name;
        return errors.length > 0 ? { name: field, errors, validating: false } : { name: field, errors };
      }),
    );
  }, [error, form, open]);

  const signed = method === 'drawn' ? drawingFits(drawing) : signatureMatches(signature, signerName);
  const ready =
    (input !== 'reason' || reason.trim() !== '') &&
    (input !== 'signature' || signed) &&
    (!acknowledge || (acknowledged && comment.trim() !== ''));

  const submit = (values: DialogValues) => {
    onConfirm(bodyOf(values, input === 'signature', acknowledge));
  };

  return (
    <FormDialog<DialogValues>
      open={open}
      title={presentation === null ? '' : [presentation.label, subject].filter(Boolean).join(' — ')}
      okText={presentation?.label}
      okDisabled={!ready}
      danger={presentation?.danger}
      form={form}
      initialValues={INITIAL_VALUES}
      onFinish={submit}
      onCancel={onCancel}
      pending={pending}
      error={error}
      shownFields={DIALOG_FIELDS}
    >
      {presentation !== null && (
        <>
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
          {acknowledge && <ConflictAcknowledgement warnings={warnings} deciding="Approve" project={project} />}
          {input !== 'reason' && (
            <Form.Item
              name="comment"
              label={acknowledge ? 'Comment on the conflicts' : 'Comment (optional)'}
              rules={[
                ...(acknowledge
                  ? [{ required: true, whitespace: true, message: 'Say how the conflicts are managed.' }]
                  : []),
                { max: MAX_TEXT, message: `At most ${String(MAX_TEXT)} characters.` },
              ]}
            >
              <Input.TextArea rows={2} maxLength={MAX_TEXT} />
            </Form.Item>
          )}
          {input === 'signature' && (
            <Form.Item name="method">
              <Segmented<SignatureMethod> options={METHOD_OPTIONS} aria-label="How to sign" />
            </Form.Item>
          )}
          {input === 'signature' && method === 'typed' && (
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
          {input === 'signature' && method === 'drawn' && (
            // Not preserved: the pad starts empty whenever it is shown, and so must the drawing.
            <Form.Item
              name="drawing"
              label="Sign: draw your signature"
              extra={`Signing as ${signerName}`}
              preserve={false}
              rules={[
                { required: true, message: 'Draw your signature to sign.' },
                {
                  validator: (_rule, value: string | null | undefined) =>
                    value == null || drawingFits(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error('The drawing is too large to send: clear it and sign more simply.')),
                },
              ]}
            >
              <SignaturePad disabled={pending} />
            </Form.Item>
          )}
        </>
      )}
    </FormDialog>
  );
}

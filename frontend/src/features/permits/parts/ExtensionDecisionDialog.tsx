import { Checkbox, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '@/lib/api/client';
import { formatDateTime } from '@/lib/time/format';
import type { ExtensionDecision } from '../api/timeframes';
import type { Extension, ExtensionDecisionBody } from '@/lib/api/models';
import { FormDialog } from '@/components/FormDialog';
import { MAX_EXTENSION_REASON } from './timeframes';

const DIALOG_FIELDS = ['reason', 'controls_reconfirmed'] as const;

interface DecisionValues {
  reason?: string;
  controls_reconfirmed?: boolean;
}

export interface ExtensionDecisionDialogProps {
  /** The extension to decide and how; null keeps the dialog closed. */
  target: { extension: Extension; decision: ExtensionDecision } | null;
  timeZone: string;
  pending: boolean;
  error: Error | null;
  onConfirm: (body: Partial<ExtensionDecisionBody>) => void;
  onCancel: () => void;
}

function bodyOf(values: DecisionValues, decision: ExtensionDecision, crossesShift: boolean): Partial<ExtensionDecisionBody> {
  const reason = values.reason?.trim() ?? '';
  if (decision === 'reject') return { reason };
  return crossesShift ? { controls_reconfirmed: values.controls_reconfirmed === true, reason } : { reason };
}

/**
 * Confirms an issuer's decision on an extension: a rejection gives its reason; approving one that
 * reaches into another shift re-confirms the controls (and gas test) first. The server's refusal,
 * e.g. the gases still to retest, is shown in place.
 */
export function ExtensionDecisionDialog({ target, timeZone, pending, error, onConfirm, onCancel }: ExtensionDecisionDialogProps) {
  const [form] = Form.useForm<DecisionValues>();
  const reason = Form.useWatch('reason', form) ?? '';
  const reconfirmed = Form.useWatch('controls_reconfirmed', form) === true;
  const open = target !== null;
  const approving = target?.decision === 'approve';
  const crossesShift = target?.extension.crosses_shift === true;

  useEffect(() => {
    form.resetFields();
  }, [target, form]);
  useEffect(() => {
    if (!open) return;
    const fields = error instanceof ApiError ? error.fields : {};
    form.setFields(DIALOG_FIELDS.map((name) => ({ name, errors: fields[name] ?? [] })));
  }, [error, form, open]);

  const ready = approving ? !crossesShift || reconfirmed : reason.trim() !== '';
  const submit = (values: DecisionValues) => {
    if (target !== null) onConfirm(bodyOf(values, target.decision, crossesShift));
  };

  return (
    <FormDialog<DecisionValues>
      open={open}
      title={approving ? 'Approve the extension' : 'Reject the extension'}
      okText={approving ? 'Approve' : 'Reject'}
      okDisabled={!ready}
      danger={!approving}
      form={form}
      onFinish={submit}
      onCancel={onCancel}
      pending={pending}
      error={error}
      shownFields={approving && crossesShift ? DIALOG_FIELDS : ['reason']}
    >
      {target !== null && (
        <>
          <Typography.Paragraph>
            {target.extension.requested_by.name} asked to move the planned end from{' '}
            {formatDateTime(target.extension.previous_end, timeZone)} to{' '}
            {formatDateTime(target.extension.new_end, timeZone)} ({timeZone}).
            {approving && ' Approving moves the permit’s planned end.'}
          </Typography.Paragraph>
          {approving && crossesShift && (
            <>
              <Typography.Paragraph>
                The new end reaches into another shift: re-confirm the controls, and for a gas-tested permit retest
                the gases, before approving.
              </Typography.Paragraph>
              <Form.Item
                name="controls_reconfirmed"
                valuePropName="checked"
                rules={[
                  {
                    validator: (_rule, value: boolean | undefined) =>
                      value === true
                        ? Promise.resolve()
                        : Promise.reject(new Error('Re-confirm the controls for the new shift.')),
                  },
                ]}
              >
                <Checkbox>I re-confirmed the controls (and the gas test) for the new shift</Checkbox>
              </Form.Item>
            </>
          )}
          <Form.Item
            name="reason"
            label={approving ? 'Comment (optional)' : 'Reason'}
            rules={[
              ...(approving ? [] : [{ required: true, whitespace: true, message: 'Give the reason for rejecting.' }]),
              { max: MAX_EXTENSION_REASON, message: `At most ${String(MAX_EXTENSION_REASON)} characters.` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={MAX_EXTENSION_REASON} autoFocus={!approving} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

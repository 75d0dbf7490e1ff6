import { Checkbox, Form, Input, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ApiError } from '@/lib/api/client';
import { formatDateTime } from '@/lib/time/format';
import type { ExtensionDecision } from '../api/timeframes';
import { useConflictsPreview } from '../api/simops';
import type { Extension, ExtensionDecisionBody, Permit } from '@/lib/api/models';
import { FormDialog } from '@/components/FormDialog';
import { ConflictAcknowledgement } from '../simops/ConflictAcknowledgement';
import { unacknowledgedWarnings } from '../simops/permitSimops';
import type { ConflictsPreviewBody } from '../simops/types';
import { MAX_EXTENSION_REASON } from './timeframes';

const DIALOG_FIELDS = ['reason', 'controls_reconfirmed', 'acknowledge_conflicts'] as const;

interface DecisionValues {
  reason?: string;
  controls_reconfirmed?: boolean;
  /** Approving into warn conflicts: the issuer has considered them (the reason is the comment on them). */
  acknowledge_conflicts?: boolean;
}

interface Target {
  extension: Extension;
  decision: ExtensionDecision;
}

export interface ExtensionDecisionDialogProps {
  /** The extension to decide and how; null keeps the dialog closed. */
  target: Target | null;
  /** The permit extended: its conflicts in the new window are asked for when approving. */
  permit: Permit;
  timeZone: string;
  pending: boolean;
  error: Error | null;
  onConfirm: (body: Partial<ExtensionDecisionBody>) => void;
  onCancel: () => void;
}

/** The conflicts preview of the permit in the window the extension gives it (approving only). */
export function newWindowBody(permit: Permit, target: Target | null): ConflictsPreviewBody | null {
  if (target?.decision !== 'approve') return null;
  return {
    project: permit.project,
    permit_type: permit.permit_type.id,
    location_node: permit.location_node?.id ?? null,
    planned_start: permit.planned_start,
    planned_end: target.extension.new_end,
    permit: permit.id,
  };
}

function bodyOf(
  values: DecisionValues,
  decision: ExtensionDecision,
  crossesShift: boolean,
  acknowledge: boolean,
): Partial<ExtensionDecisionBody> {
  const reason = values.reason?.trim() ?? '';
  if (decision === 'reject') return { reason };
  const body: Partial<ExtensionDecisionBody> = { reason };
  if (crossesShift) body.controls_reconfirmed = values.controls_reconfirmed === true;
  // Like approving a permit: the tick and a comment, here the decision's own comment.
  if (acknowledge) Object.assign(body, { acknowledge_conflicts: values.acknowledge_conflicts === true, comment: reason });
  return body;
}

/**
 * Confirms an issuer's decision on an extension: a rejection gives its reason; approving one that
 * reaches into another shift re-confirms the controls (and gas test) first, and approving one whose new
 * window meets warn conflicts (SIMOPS) lists them and needs them acknowledged with a comment. The
 * server's refusal, e.g. the gases still to retest or a blocking conflict, is shown in place.
 */
export function ExtensionDecisionDialog({
  target,
  permit,
  timeZone,
  pending,
  error,
  onConfirm,
  onCancel,
}: ExtensionDecisionDialogProps) {
  const [form] = Form.useForm<DecisionValues>();
  const reason = Form.useWatch('reason', form) ?? '';
  const reconfirmed = Form.useWatch('controls_reconfirmed', form) === true;
  const acknowledged = Form.useWatch('acknowledge_conflicts', form) === true;
  const open = target !== null;
  const approving = target?.decision === 'approve';
  const crossesShift = target?.extension.crosses_shift === true;
  const preview = useConflictsPreview(newWindowBody(permit, target));
  const checking = approving && preview.isPending;
  const warnings = approving ? unacknowledgedWarnings(preview.data?.results ?? []) : [];
  const acknowledge = warnings.length > 0;

  useEffect(() => {
    form.resetFields();
  }, [target, form]);
  useEffect(() => {
    if (!open) return;
    const fields = error instanceof ApiError ? error.fields : {};
    form.setFields(DIALOG_FIELDS.map((name) => ({ name, errors: fields[name] ?? [] })));
  }, [error, form, open]);

  const ready = approving
    ? !checking && (!crossesShift || reconfirmed) && (!acknowledge || (acknowledged && reason.trim() !== ''))
    : reason.trim() !== '';
  const submit = (values: DecisionValues) => {
    if (target !== null) onConfirm(bodyOf(values, target.decision, crossesShift, acknowledge));
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
      shownFields={approving ? DIALOG_FIELDS : ['reason']}
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
          {checking && <Spin aria-label="Checking the new window for conflicts" />}
          {approving && preview.error !== null && <ErrorAlert error={preview.error} />}
          {acknowledge && (
            <ConflictAcknowledgement
              warnings={warnings}
              deciding="Approve the extension"
              project={{ id: permit.project, time_zone: timeZone }}
            />
          )}
          <Form.Item
            name="reason"
            label={acknowledge ? 'Comment on the conflicts' : approving ? 'Comment (optional)' : 'Reason'}
            rules={[
              ...(approving && !acknowledge
                ? []
                : [
                    {
                      required: true,
                      whitespace: true,
                      message: acknowledge ? 'Say how the conflicts are managed.' : 'Give the reason for rejecting.',
                    },
                  ]),
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

import { Alert, Button, Checkbox, Col, Flex, Form, Input, Row, Typography } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import { useSaveCloseout } from '../api/closeout';
import type { Closeout, CloseoutBody } from '@/lib/api/models';
import { closeoutSeen } from '@/lib/offline/kinds';
import { SAVED_ON_DEVICE, useFieldRecorder } from '@/lib/offline/useFieldRecords';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { closeoutChanges, closeoutConflictRows, closeoutSummary, closeoutValues, type CloseoutValues } from './closeout';
import { useVersionedSave } from './useVersionedSave';
import { ConflictDialog } from '@/components/ConflictDialog';
import { WorkFinishedSwitch } from './WorkFinishedSwitch';
import type { PartFormProps } from './VersionedEditor';

const FIELDS = ['answers', 'remarks', 'work_finished'] as const;

/** `base` is the closeout the user edits, saved with If-Match: its version. */
export type CloseoutFormProps = PartFormProps<Closeout>;

/** The closeout checklist, remarks and "work finished", saved with If-Match; a conflict shows both versions. */
export function CloseoutForm({ permitId, base, timeZone, onEdit, onSaved, onDiscard }: CloseoutFormProps) {
  const [form] = Form.useForm<CloseoutValues>();
  const save = useSaveCloseout(permitId);
  const recorder = useFieldRecorder(permitId);
  const [kept, setKept] = useState(false);
  const [keepError, setKeepError] = useState<Error | null>(null);
  /** Keeps the answers on the device with what the user saw of each item, to be sent when signal returns. */
  const keep = (seenBase: Closeout, changes: CloseoutBody) => {
    save.reset();
    recorder({
      kind: 'closeout',
      summary: closeoutSummary(seenBase, changes),
      body: { ...changes },
      seen: closeoutSeen(seenBase, Object.keys(changes.answers ?? {})),
    }).then(
      () => {
        setKept(true);
      },
      (error: unknown) => {
        setKeepError(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  const { conflict, conflictActions, placed, unchanged, clearUnchanged, submit: saveChanges, conflictError } =
    useVersionedSave(form, save, FIELDS, onSaved, onDiscard, keep);

  const submit = (values: CloseoutValues) => {
    setKept(false);
    setKeepError(null);
    saveChanges(base, closeoutChanges(base, values));
  };

  return (
    <>
      <Form<CloseoutValues>
        form={form}
        name={`closeout-${String(permitId)}`}
        layout="vertical"
        initialValues={closeoutValues(base)}
        onValuesChange={() => {
          clearUnchanged();
          onEdit();
        }}
        onFinish={submit}
        disabled={save.isPending}
      >
        <section aria-label="Closeout checklist">
          <Typography.Title level={5}>Checklist</Typography.Title>
          {base.items.length === 0 && (
            <Typography.Paragraph type="secondary">This permit type has no closeout checklist.</Typography.Paragraph>
          )}
          {base.items.map((item) => (
            <Row key={item.key} gutter={16} align="top">
              <Col xs={24} md={10}>
                <Form.Item name={['answers', item.key, 'done']} valuePropName="checked" style={{ marginBottom: 4 }}>
                  <Checkbox>
                    {item.label}
                    {item.required ? ' (required)' : ''}
                  </Checkbox>
                </Form.Item>
                {item.answered_by !== null && item.answered_at !== null && (
                  <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 12 }}>
                    Answered by {item.answered_by.name},{' '}
                    <time dateTime={item.answered_at}>{formatDateTime(item.answered_at, timeZone)}</time>
                  </Typography.Text>
                )}
              </Col>
              <Col xs={24} md={14}>
                <Form.Item
                  name={['answers', item.key, 'comment']}
                  rules={[{ max: 2000, message: 'At most 2000 characters.' }]}
                >
                  <Input aria-label={`Comment on: ${item.label}`} placeholder="Comment" maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          ))}
        </section>
        <Form.Item name="remarks" label="Remarks" rules={[{ max: 5000, message: 'At most 5000 characters.' }]}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        {base.work_finished ? (
          <Typography.Paragraph>
            <strong>Work finished</strong>: recorded
            {base.work_finished_by !== null ? ` by ${base.work_finished_by.name}` : ''}
            {base.work_finished_at !== null && (
              <>
                , <time dateTime={base.work_finished_at}>{formatDateTime(base.work_finished_at, timeZone)}</time>
              </>
            )}
            .
          </Typography.Paragraph>
        ) : (
          <Form.Item
            name="work_finished"
            label="Work finished"
            extra="Switch on when the work is done and the area is safe; this cannot be withdrawn."
          >
            <WorkFinishedSwitch />
          </Form.Item>
        )}
        {conflictError !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={conflictError} shownFields={placed} />
          </div>
        )}
        {kept && <Alert type="info" showIcon role="status" message={SAVED_ON_DEVICE} style={{ marginBottom: 16 }} />}
        {keepError !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={keepError} />
          </div>
        )}
        {unchanged && (
          <Alert type="info" showIcon role="status" message="Nothing changed." style={{ marginBottom: 16 }} />
        )}
        <Flex wrap gap="small">
          <Button type="primary" htmlType="submit" loading={save.isPending && conflict === null}>
            Save closeout
          </Button>
        </Flex>
      </Form>
      {conflict !== null && (
        <ConflictDialog
          title="The closeout was changed by someone else"
          rows={closeoutConflictRows(conflict.current, conflict.changes)}
          {...conflictActions(conflict)}
        />
      )}
    </>
  );
}

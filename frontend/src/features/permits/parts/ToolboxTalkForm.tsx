import { Alert, Button, Col, Form, Input, Row, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useSaveToolboxTalk } from '../api/crew';
import type { ToolboxTalk, ToolboxTalkBody } from '@/lib/api/models';
import type { ToolboxTalkSeen } from '@/lib/offline/kinds';
import { SAVED_ON_DEVICE, useFieldRecorder } from '@/lib/offline/useFieldRecords';
import { ErrorAlert } from '@/components/ErrorAlert';
import { wallClockToIso } from '@/lib/time/zonedInput';
import { toolboxTalkChanges, toolboxTalkConflictRows, toolboxTalkValues, type ToolboxTalkValues } from './toolboxTalk';
import { useVersionedSave } from './useVersionedSave';
import { ConflictDialog } from '@/components/ConflictDialog';
import type { PartFormProps } from './VersionedEditor';
import { WallClockPicker } from '@/components/WallClockPicker';

const FIELDS = ['held_at', 'topics', 'notes'] as const;
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_TOPICS = 30;
const MAX_TOPIC = 200;

/** Topics most talks cover; any other may be typed. */
const TOPIC_SUGGESTIONS = [
  'Hazards of the work',
  'Control measures',
  'PPE',
  'Emergency and escape routes',
  'Gas test results',
  'Isolations in place',
  'Fire watch',
  'Permit conditions',
];

export type ToolboxTalkFormProps = PartFormProps<ToolboxTalk>;

/** Records the toolbox talk (when, topics, notes), or corrects it; saved with If-Match. */
export function ToolboxTalkForm({ permitId, base, timeZone, onEdit, onSaved, onDiscard }: ToolboxTalkFormProps) {
  const [form] = Form.useForm<ToolboxTalkValues>();
  const save = useSaveToolboxTalk(permitId);
  const recorder = useFieldRecorder(permitId);
  const [kept, setKept] = useState(false);
  const [keepError, setKeepError] = useState<Error | null>(null);
  /** Keeps the talk on the device with the version the user saw, to be sent when signal returns. */
  const keep = (seenBase: ToolboxTalk, changes: ToolboxTalkBody) => {
    save.reset();
    const seen: ToolboxTalkSeen = { version: seenBase.version };
    const topics = changes.topics ?? seenBase.topics;
    recorder({
      kind: 'toolbox-talk',
      summary: topics.length > 0 ? topics.join(', ') : 'talk held',
      body: { ...changes },
      seen,
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
  const initialValues = useMemo(() => toolboxTalkValues(base, timeZone, new Date()), [base, timeZone]);

  const submit = (values: ToolboxTalkValues) => {
    setKept(false);
    setKeepError(null);
    saveChanges(base, toolboxTalkChanges(base, values, timeZone));
  };

  return (
    <>
      <Form<ToolboxTalkValues>
        form={form}
        name={`toolbox-talk-${String(permitId)}`}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={() => {
          clearUnchanged();
          onEdit();
        }}
        onFinish={submit}
        disabled={save.isPending}
        requiredMark
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="held_at"
              label={`Held at (${timeZone})`}
              rules={[
                { required: true, message: 'Give when the talk was held.' },
                {
                  validator: (_rule, value: string | undefined) => {
                    if (value === undefined || value === '') return Promise.resolve();
                    const iso = wallClockToIso(value, timeZone);
                    if (iso === null) return Promise.reject(new Error('Give a date and time.'));
                    return Date.parse(iso) > Date.now() + FUTURE_TOLERANCE_MS
                      ? Promise.reject(new Error('A toolbox talk cannot be held in the future.'))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <WallClockPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="topics"
              label="Topics"
              extra="Choose or type the topics covered; press Enter after each."
              rules={[
                { required: true, type: 'array', min: 1, message: 'Give at least one topic.' },
                { type: 'array', max: MAX_TOPICS, message: `At most ${String(MAX_TOPICS)} topics.` },
                {
                  validator: (_rule, value: string[] | undefined) =>
                    (value ?? []).some((topic) => topic.trim().length > MAX_TOPIC)
                      ? Promise.reject(new Error(`A topic has at most ${String(MAX_TOPIC)} characters.`))
                      : Promise.resolve(),
                },
              ]}
            >
              <Select
                mode="tags"
                tokenSeparators={[';']}
                options={TOPIC_SUGGESTIONS.map((topic) => ({ value: topic, label: topic }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label="Notes" rules={[{ max: 5000, message: 'At most 5000 characters.' }]}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        {base.held && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="Changing when the talk was held or its topics voids the workers’ sign-ons: they sign on again."
          />
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
        {unchanged && <Alert type="info" showIcon role="status" message="Nothing changed." style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending && conflict === null}>
          {base.held ? 'Save toolbox talk' : 'Record toolbox talk'}
        </Button>
      </Form>
      {conflict !== null && (
        <ConflictDialog
          title="The toolbox talk was changed by someone else"
          rows={toolboxTalkConflictRows(conflict.current, conflict.changes, timeZone)}
          {...conflictActions(conflict)}
        />
      )}
    </>
  );
}

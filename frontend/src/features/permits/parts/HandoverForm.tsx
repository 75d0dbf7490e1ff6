import { Button, Col, Form, Input, Row, Select } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useHandoverCandidates } from '../api/candidates';
import { useStartHandover } from '../api/timeframes';
import type { HandoverBody, Permit } from '@/lib/api/models';
import { useCreateForm } from '@/lib/forms/formErrors';
import { MAX_HANDOVER_NOTES } from './timeframes';

const FIELDS = ['incoming_id', 'notes'] as const;

interface HandoverValues {
  incoming_id?: number;
  notes?: string;
}

/** Hands the active permit over to the next shift's performing authority, chosen from those the server accepts. */
export function HandoverForm({ permit }: { permit: Pick<Permit, 'id'> }) {
  const [form] = Form.useForm<HandoverValues>();
  const candidates = useHandoverCandidates(permit.id);
  const start = useStartHandover(permit.id);
  const { send, placed } = useCreateForm(form, start, FIELDS);
  // Only the people the server would accept as the incoming performing authority.
  const options = (candidates.data ?? []).map((candidate) => ({
    value: candidate.id,
    label: `${candidate.name} — ${candidate.company}, grade ${candidate.grade}`,
  }));

  const submit = (values: HandoverValues) => {
    const body: HandoverBody = { incoming_id: values.incoming_id ?? 0, notes: (values.notes ?? '').trim() };
    send(body);
  };

  return (
    <Form<HandoverValues>
      form={form}
      name={`handover-${String(permit.id)}`}
      layout="vertical"
      onFinish={submit}
      disabled={start.isPending}
      requiredMark
    >
      {candidates.error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={candidates.error} />
        </div>
      )}
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item
            name="incoming_id"
            label="Incoming performing authority"
            rules={[{ required: true, message: 'Choose who takes the permit over.' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={candidates.isPending}
              placeholder={candidates.isPending || options.length > 0 ? 'Choose a person' : 'No one available'}
              options={options}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="notes"
            label="Handover notes"
            rules={[
              { required: true, whitespace: true, message: 'Give the state of the work and anything to watch.' },
              { max: MAX_HANDOVER_NOTES, message: `At most ${String(MAX_HANDOVER_NOTES)} characters.` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={MAX_HANDOVER_NOTES} />
          </Form.Item>
        </Col>
      </Row>
      {start.error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={start.error} shownFields={placed} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={start.isPending}>
        Hand over
      </Button>
    </Form>
  );
}

import { Button, Col, Form, Input, Row } from 'antd';
import { useRequestExtension } from '../api/timeframes';
import type { ExtensionBody } from '@/lib/api/models';
import { ErrorAlert } from '@/components/ErrorAlert';
import { wallClockToIso } from '@/lib/time/zonedInput';
import { WallClockPicker } from '@/components/WallClockPicker';
import { useCreateForm } from '@/lib/forms/formErrors';
import { MAX_EXTENSION_REASON } from './timeframes';

const FIELDS = ['new_end', 'reason'] as const;

interface ExtensionValues {
  new_end?: string;
  reason?: string;
}

export interface ExtensionFormProps {
  permitId: number;
  /** The permit's planned end now: a new end must be later (and later than now). */
  plannedEnd: string;
  timeZone: string;
}

/** Asks for a later planned end, typed as site time; an issuer then decides. */
export function ExtensionForm({ permitId, plannedEnd, timeZone }: ExtensionFormProps) {
  const [form] = Form.useForm<ExtensionValues>();
  const request = useRequestExtension(permitId);
  const { send, placed } = useCreateForm(form, request, FIELDS);

  const submit = (values: ExtensionValues) => {
    const body: ExtensionBody = {
      new_end: wallClockToIso(values.new_end ?? '', timeZone) ?? '',
      reason: (values.reason ?? '').trim(),
    };
    send(body);
  };

  return (
    <Form<ExtensionValues>
      form={form}
      name={`extension-${String(permitId)}`}
      layout="vertical"
      onFinish={submit}
      disabled={request.isPending}
      requiredMark
    >
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name="new_end"
            label={`New end (${timeZone})`}
            rules={[
              { required: true, message: 'Give the new end.' },
              {
                validator: (_rule, value: string | undefined) => {
                  if (value === undefined || value === '') return Promise.resolve();
                  const iso = wallClockToIso(value, timeZone);
                  if (iso === null) return Promise.reject(new Error('Give a date and time.'));
                  return Date.parse(iso) <= Math.max(Date.parse(plannedEnd), Date.now())
                    ? Promise.reject(new Error('Must be later than the current planned end and than now.'))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <WallClockPicker />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={18}>
          <Form.Item
            name="reason"
            label="Reason"
            rules={[
              { required: true, whitespace: true, message: 'Give the reason for the extension.' },
              { max: MAX_EXTENSION_REASON, message: `At most ${String(MAX_EXTENSION_REASON)} characters.` },
            ]}
          >
            <Input.TextArea rows={2} maxLength={MAX_EXTENSION_REASON} />
          </Form.Item>
        </Col>
      </Row>
      {request.error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={request.error} shownFields={placed} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={request.isPending}>
        Ask for the extension
      </Button>
    </Form>
  );
}

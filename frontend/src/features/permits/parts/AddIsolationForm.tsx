import { Button, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useAssignIsolation, useIsolationPoints } from '../api/isolations';
import type { EnergyType, IsolationAssignBody, IsolationPoint } from '@/lib/api/models';
import { ErrorAlert } from '@/components/ErrorAlert';
import { capitalise } from '@/lib/permits/riskLevel';
import { useCreateForm } from '@/lib/forms/formErrors';
import { ENERGY_TYPES } from '@/lib/permits/isolation';

const FIELDS = ['point_id', 'name', 'energy_type', 'locks_required'] as const;

type Source = 'library' | 'ad_hoc';

interface AddValues {
  point_id?: number;
  name?: string;
  energy_type?: EnergyType;
  locks_required?: number | null;
}

function pointLabel(point: IsolationPoint): string {
  const locks = `${String(point.locks_required)} lock${point.locks_required === 1 ? '' : 's'}`;
  return `${point.code} — ${point.name} (${capitalise(point.energy_type)}, ${locks})`;
}

/** Puts an isolation on the permit: a point of the project's library, or an ad-hoc one. */
export function AddIsolationForm({ permitId, projectId }: { permitId: number; projectId: number }) {
  const [form] = Form.useForm<AddValues>();
  const [source, setSource] = useState<Source>('library');
  const points = useIsolationPoints(projectId);
  const assign = useAssignIsolation(permitId);
  const { send, placed } = useCreateForm(form, assign, FIELDS);
  const activePoints = (points.data ?? []).filter((point) => point.is_active);

  const submit = (values: AddValues) => {
    const body: IsolationAssignBody =
      source === 'library'
        ? { point_id: values.point_id ?? null }
        : {
            name: (values.name ?? '').trim(),
            energy_type: values.energy_type,
            locks_required: values.locks_required ?? 1,
          };
    send(body);
  };

  return (
    <Form<AddValues>
      form={form}
      name={`isolation-add-${String(permitId)}`}
      layout="vertical"
      initialValues={{ locks_required: 1 }}
      onFinish={submit}
      disabled={assign.isPending}
      requiredMark
    >
      <Form.Item label="Isolation point">
        <Radio.Group
          aria-label="Isolation point"
          optionType="button"
          value={source}
          onChange={(event) => {
            setSource(event.target.value as Source);
            assign.reset();
          }}
          options={[
            { value: 'library', label: 'From the library' },
            { value: 'ad_hoc', label: 'Ad hoc' },
          ]}
        />
      </Form.Item>
      {source === 'library' ? (
        <Form.Item
          name="point_id"
          label="Library point"
          rules={[{ required: true, message: 'Choose a point of the isolation library.' }]}
          extra={points.data !== undefined && activePoints.length === 0 ? 'The project’s library has no points yet.' : undefined}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={points.isPending}
            placeholder="Search by code or name"
            options={activePoints.map((point) => ({ value: point.id, label: pointLabel(point) }))}
          />
        </Form.Item>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label="Name"
              rules={[
                { required: true, whitespace: true, message: 'Name the isolation point.' },
                { max: 200, message: 'At most 200 characters.' },
              ]}
            >
              <Input maxLength={200} placeholder="e.g. MCC-3 breaker for pump P-101" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="energy_type" label="Energy" rules={[{ required: true, message: 'Choose the energy.' }]}>
              <Select options={ENERGY_TYPES.map((energy) => ({ value: energy, label: capitalise(energy) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="locks_required"
              label="Locks needed"
              rules={[{ required: true, type: 'integer', min: 1, max: 20, message: 'From 1 to 20 locks.' }]}
            >
              <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {points.error !== null && source === 'library' && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={points.error} />
        </div>
      )}
      {assign.error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={assign.error} shownFields={placed} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={assign.isPending}>
        Add isolation
      </Button>
    </Form>
  );
}

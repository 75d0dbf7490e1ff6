import { Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useAddWorker, useRegisterWorkers } from '../api/crew';
import type { WorkerBody } from '@/lib/api/models';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useCreateForm } from '@/lib/forms/formErrors';

const FIELDS = ['name', 'company', 'trade', 'competency'] as const;

interface WorkerValues {
  /** A worker of the competency register, whose certificates then count for the permit. */
  worker?: number;
  name?: string;
  company?: string;
  trade?: string;
  competency?: string;
}

/** Adds a worker to the permit's crew. */
export function WorkerForm({ permitId }: { permitId: number }) {
  const [form] = Form.useForm<WorkerValues>();
  const add = useAddWorker(permitId);
  // The next worker is often from the same company: keep it.
  const { send, placed } = useCreateForm(form, add, FIELDS, () => {
    form.setFieldsValue({ worker: undefined, name: undefined, trade: undefined, competency: undefined });
  });
  const [search, setSearch] = useState('');
  const register = useRegisterWorkers(search);
  const picked = Form.useWatch('worker', form);
  // An input's own `disabled` overrides the form's: name and company name the pending add too, or what is typed in
  // them for the next worker, while the list already shows this one, would be cleared when the add completes.
  const typedLocked = picked !== undefined || add.isPending;
  const options = (register.data?.results ?? []).map((worker) => ({
    value: worker.id,
    label: `${worker.name} (${worker.company}, ${worker.id_number})`,
    worker,
  }));

  const pick = (id: number | undefined) => {
    const chosen = options.find((option) => option.value === id)?.worker;
    form.setFieldsValue({ name: chosen?.name, company: chosen?.company });
  };

  const submit = (values: WorkerValues) => {
    const body: WorkerBody =
      values.worker === undefined
        ? {
            name: (values.name ?? '').trim(),
            company: (values.company ?? '').trim(),
            trade: (values.trade ?? '').trim(),
            competency: (values.competency ?? '').trim(),
          }
        : { worker: values.worker, trade: (values.trade ?? '').trim(), competency: (values.competency ?? '').trim() };
    send(body);
  };

  return (
    <Form<WorkerValues>
      form={form}
      name={`worker-add-${String(permitId)}`}
      layout="vertical"
      onFinish={submit}
      disabled={add.isPending}
      requiredMark
    >
      <Form.Item
        name="worker"
        label="From the competency register"
        extra="Pick a recorded worker so their certificates count; or type a name and company below."
      >
        <Select
          showSearch
          allowClear
          filterOption={false}
          onSearch={setSearch}
          onChange={pick}
          options={options}
          loading={register.isFetching}
          placeholder="Search by name, company or ID number"
          style={{ minHeight: 44 }}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name="name"
            label="Name"
            rules={[
              { required: true, whitespace: true, message: 'Give the worker’s name.' },
              { max: 120, message: 'At most 120 characters.' },
            ]}
          >
            <Input maxLength={120} autoComplete="off" disabled={typedLocked} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name="company"
            label="Company"
            rules={[
              { required: true, whitespace: true, message: 'Give the worker’s company.' },
              { max: 120, message: 'At most 120 characters.' },
            ]}
          >
            <Input maxLength={120} disabled={typedLocked} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item name="trade" label="Trade" rules={[{ max: 80, message: 'At most 80 characters.' }]}>
            <Input maxLength={80} placeholder="e.g. Welder" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            name="competency"
            label="Competency checks"
            rules={[{ max: 2000, message: 'At most 2000 characters.' }]}
          >
            <Input maxLength={2000} placeholder="e.g. Hot work card HW-221, valid to 2027" />
          </Form.Item>
        </Col>
      </Row>
      {add.error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={add.error} shownFields={placed} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        Add worker
      </Button>
    </Form>
  );
}

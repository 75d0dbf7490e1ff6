import { Alert, Button, Flex, Form, Input, List, Modal, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import type { AreaPermit, AreaScopeBody, AreaSuspension } from '@/lib/api/models';
import type { ProjectBrief } from '@/lib/session';
import { usePermitTypes } from '../api/permitTypes';
import { useLocationTree } from '../api/simops';
import { LocationPicker } from '../simops/LocationPicker';
import { useAreaPreview, useAreaSuspend } from './api';

interface AreaValues {
  scope: 'node' | 'location' | 'project';
  location_node?: number | null;
  location_text?: string;
  permit_type?: number;
  reason?: string;
}

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

function scopeBody(projectId: number, values: AreaValues): AreaScopeBody {
  return {
    project: projectId,
    whole_project: values.scope === 'project',
    location_node: values.scope === 'node' ? (values.location_node ?? null) : null,
    location_text: values.scope === 'location' ? (values.location_text ?? '').trim() : '',
    permit_type: values.permit_type ?? null,
  };
}

function PermitLine({ permit }: { permit: AreaPermit }) {
  return (
    <List.Item>
      <Flex wrap gap="small" align="center">
        <Typography.Text strong>{permit.permit_number}</Typography.Text>
        <PermitStatusTag status={permit.status} />
        <Typography.Text>{permit.title}</Typography.Text>
        <Typography.Text type="secondary">{permit.location}</Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** What the act did: how many permits were suspended, and each one that was not with the reason. */
export function AreaSuspensionResult({ record }: { record: AreaSuspension }) {
  const refused = record.permits.filter((row) => !row.suspended);
  return (
    <Flex vertical gap="small" aria-label="Area suspension result">
      <Alert
        type={refused.length === 0 ? 'success' : 'warning'}
        showIcon
        message={`Suspended ${plural(record.suspended, 'permit', 'permits')}; not suspended ${String(record.not_suspended)}.`}
        description={`Reason on each permit's timeline: ${record.reason}. Each permit is resumed on its own page.`}
      />
      {refused.length > 0 && (
        <List
          size="small"
          header="Not suspended"
          dataSource={refused}
          renderItem={(row) => (
            <List.Item>
              <Typography.Text strong>{row.permit_number}</Typography.Text>&nbsp;
              <Typography.Text>{row.message}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}

/**
 * Suspend an area: choose a location or the whole project (and a permit type if only one), give the reason, see
 * the permits it selects, confirm (the whole project asks for its name typed), then the outcome for each permit.
 */
export function AreaSuspendDialog({
  project,
  open,
  setOpen,
}: {
  project: ProjectBrief;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const [form] = Form.useForm<AreaValues>();
  const preview = useAreaPreview();
  const suspend = useAreaSuspend();
  const { data: types = [] } = usePermitTypes(project.id);
  const locations = useLocationTree(project.id);
  const nodes = locations.data?.nodes ?? [];
  const [typed, setTyped] = useState('');
  const scope = Form.useWatch('scope', form);
  const whole = scope === 'project';
  const selected = preview.data?.permits ?? [];
  const suspendable = selected.filter((permit) => permit.will_suspend);
  const notStarted = selected.filter((permit) => !permit.will_suspend);
  const confirmed = !whole || typed.trim() === project.name;

  const close = () => {
    setOpen(false);
    form.resetFields();
    preview.reset();
    suspend.reset();
    setTyped('');
  };
  const act = () => {
    const values = form.getFieldsValue(true) as AreaValues;
    suspend.mutate({ ...scopeBody(project.id, values), reason: (values.reason ?? '').trim() });
  };

  const footer = suspend.data
    ? [
        <Button key="close" onClick={close}>
          Close
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          Cancel
        </Button>,
        <Button
          key="preview"
          onClick={() => {
            form.submit();
          }}
          loading={preview.isPending}
        >
          Preview
        </Button>,
        <Button
          key="suspend"
          type="primary"
          danger
          disabled={!preview.data || suspendable.length === 0 || !confirmed}
          loading={suspend.isPending}
          onClick={act}
        >
          {`Suspend ${plural(suspendable.length, 'permit', 'permits')}`}
        </Button>,
      ];

  return (
    <Modal open={open} title="Suspend area" onCancel={close} footer={footer} destroyOnHidden width={640}>
      {suspend.data ? (
        <AreaSuspensionResult record={suspend.data} />
      ) : (
        <Form<AreaValues>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{ scope: 'node' }}
          disabled={suspend.isPending}
          onValuesChange={() => {
            preview.reset();
            setTyped('');
          }}
          onFinish={(values) => {
            preview.mutate(scopeBody(project.id, values));
          }}
        >
          <Typography.Paragraph>
            Every active permit selected is suspended with this reason, each on its own timeline with its own
            notifications. Each is resumed on its own page, after its own checks.
          </Typography.Paragraph>
          <Form.Item name="scope" label="Where">
            <Radio.Group
              options={[
                { value: 'node', label: 'A place in the location tree' },
                { value: 'location', label: 'A location text' },
                { value: 'project', label: 'The whole project' },
              ]}
              optionType="button"
              style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
            />
          </Form.Item>
          {scope === 'node' && (
            <Form.Item
              name="location_node"
              label="Place"
              extra="Every permit placed at it or below it (an area takes its units and their equipment)."
              rules={[{ required: true, message: 'Choose the place.' }]}
            >
              <LocationPicker nodes={nodes} loading={locations.isPending} />
            </Form.Item>
          )}
          {scope === 'location' && (
            <Form.Item
              name="location_text"
              label="Location"
              extra="Every permit whose location contains this text, e.g. “tank farm”."
              rules={[{ required: true, whitespace: true, message: 'Name the location.' }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="permit_type" label="Permit type (all when empty)">
            <Select
              allowClear
              placeholder="All permit types"
              options={types.map((type) => ({ value: type.id, label: type.name }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="Reason"
            rules={[{ required: true, whitespace: true, message: 'Say why, e.g. site gas alarm.' }]}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder="e.g. Site gas alarm; wind above 38 km/h for lifting" />
          </Form.Item>
          {preview.error !== null && <ErrorAlert error={preview.error} />}
          {preview.data && (
            <Flex vertical gap="small" aria-label="Area suspension preview">
              <Typography.Text strong>
                {`${plural(suspendable.length, 'active permit', 'active permits')} will be suspended.`}
              </Typography.Text>
              {suspendable.length > 0 && (
                <List size="small" dataSource={suspendable} renderItem={(permit) => <PermitLine permit={permit} />} />
              )}
              {notStarted.length > 0 && (
                <>
                  <Typography.Text type="warning">
                    {`${plural(notStarted.length, 'issued permit has', 'issued permits have')} not started and cannot be suspended: they must not start until it is safe.`}
                  </Typography.Text>
                  <List size="small" dataSource={notStarted} renderItem={(permit) => <PermitLine permit={permit} />} />
                </>
              )}
              {whole && suspendable.length > 0 && (
                <Form.Item label={`Type the project's name (${project.name}) to suspend the whole project`}>
                  <Input
                    aria-label="Project name to confirm"
                    value={typed}
                    autoComplete="off"
                    onChange={(event) => {
                      setTyped(event.target.value);
                    }}
                  />
                </Form.Item>
              )}
            </Flex>
          )}
          {suspend.error !== null && <ErrorAlert error={suspend.error} />}
        </Form>
      )}
    </Modal>
  );
}

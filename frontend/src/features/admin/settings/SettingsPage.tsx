import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { ConflictDialog } from '@/components/ConflictDialog';
import { ErrorAlert } from '@/components/ErrorAlert';
import { SuccessNotice } from '@/components/SuccessNotice';
import { ApiError } from '@/lib/api/client';
import { useCurrentProject } from '@/lib/session';
import { AdminHistory } from '../AdminHistory';
import { AdminOnly } from '../AdminOnly';
import { useAdminProject, useUpdateProject, type AdminProject } from '../api';
import {
  changedFields,
  CLOSING_MODES,
  labelOf,
  NUMBER_SETTINGS,
  settingsChanges,
  settingsValues,
  SHIFT_FIELDS,
  TIME_OF_DAY,
  type SettingsValues,
} from './fields';

function SettingsForm({ project }: { project: AdminProject }) {
  const [form] = Form.useForm<SettingsValues>();
  const [base, setBase] = useState<AdminProject>(project);
  const [conflict, setConflict] = useState<{ current: AdminProject; values: SettingsValues } | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useUpdateProject(project.id);

  const submit = (on: AdminProject, values: SettingsValues) => {
    setSaved(false);
    const changes = settingsChanges(base, values);
    save.mutate(
      { version: on.version, changes },
      {
        onSuccess: (answer) => {
          setConflict(null);
          setBase(answer);
          form.setFieldsValue(settingsValues(answer));
          setSaved(true);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'version_conflict') {
            setConflict({ current: error.current as AdminProject, values });
          }
        },
      },
    );
  };

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      name="ptw-settings"
      initialValues={settingsValues(project)}
      disabled={save.isPending}
      onValuesChange={() => {
        setSaved(false);
      }}
      onFinish={(values) => {
        submit(base, values);
      }}
    >
      <Card title="Time limits and reminders" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {NUMBER_SETTINGS.map((setting) => (
            <Col key={setting.key} xs={24} sm={12} lg={8}>
              <Form.Item
                name={setting.key}
                label={`${setting.label} (${setting.unit})`}
                rules={[
                  { required: true, message: 'Give a number.' },
                  {
                    type: 'number',
                    min: setting.min,
                    max: setting.max,
                    message: `From ${String(setting.min)} to ${String(setting.max)}.`,
                  },
                ]}
              >
                <InputNumber precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="closing_mode_default" label="Default closing mode" rules={[{ required: true }]}>
              <Select options={CLOSING_MODES.map((mode) => ({ ...mode }))} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={`Shifts (${project.time_zone})`} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {SHIFT_FIELDS.map((shift) => (
            <Col key={shift.key} xs={12} lg={6}>
              <Form.Item
                name={shift.key}
                label={shift.label}
                rules={[
                  { required: true, message: 'Give a time, HH:MM.' },
                  { pattern: TIME_OF_DAY, message: 'A time of day, HH:MM (00:00 to 23:59).' },
                ]}
              >
                <Input inputMode="numeric" placeholder="HH:MM" maxLength={5} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">A shift that ends before it starts runs past midnight.</Typography.Text>
      </Card>
      {saved && (
        <SuccessNotice
          message="Settings saved: they apply from now on."
          onClose={() => {
            setSaved(false);
          }}
          style={{ marginBottom: 16 }}
        />
      )}
      {save.error !== null && conflict === null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={save.error} />
        </div>
      )}
      <Flex gap="small" wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending && conflict === null}>
          Save settings
        </Button>
        <Button
          onClick={() => {
            form.setFieldsValue(settingsValues(base));
          }}
        >
          Undo changes
        </Button>
      </Flex>
      {conflict !== null && (
        <ConflictDialog
          title="The PTW settings were changed by someone else"
          version={conflict.current.version}
          rows={changedFields(base, conflict.values).map((field) => ({
            key: field,
            field: labelOf(field),
            theirs: String(settingsValues(conflict.current)[field]),
            mine: String(conflict.values[field]),
          }))}
          pending={save.isPending}
          error={save.error instanceof ApiError && save.error.code === 'version_conflict' ? null : save.error}
          onReapply={() => {
            submit(conflict.current, conflict.values);
          }}
          onDiscard={() => {
            setBase(conflict.current);
            form.setFieldsValue(settingsValues(conflict.current));
            setConflict(null);
            save.reset();
          }}
        />
      )}
    </Form>
  );
}

function SettingsPageBody({ projectId, timeZone }: { projectId: number; timeZone: string }) {
  const { data, error } = useAdminProject(projectId);
  return (
    <Flex vertical gap="large">
      <Typography.Paragraph style={{ margin: 0 }}>
        The time limits PTW holds this project’s permits to: how long verification and approval may take before they
        are overdue, when reminders go out, how long a gas test stays valid, and the shift windows.
      </Typography.Paragraph>
      {error !== null && <ErrorAlert error={error} />}
      {data === undefined ? error === null && <Spin /> : <SettingsForm key={data.id} project={data} />}
      <AdminHistory projectId={projectId} timeZone={timeZone} subject="settings" />
    </Flex>
  );
}

/** /admin/settings — the project's PTW settings (SLAs, reminders, grace, gas test validity, calibration) and shifts. */
export function SettingsPage() {
  const { project } = useCurrentProject();
  return (
    <AdminOnly>
      <SettingsPageBody projectId={project.id} timeZone={project.time_zone} />
    </AdminOnly>
  );
}

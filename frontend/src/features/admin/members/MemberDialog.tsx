import { Form, Select, Switch } from 'antd';
import { FormDialog } from '@/components/FormDialog';
import type { Grade, Member, MemberChanges, MemberRole, Side } from '../api';
import { useCompanies } from './api';
import { gradeOptions, roleOptions, SIDE_LABELS } from './labels';

export interface MemberValues {
  role: MemberRole;
  grade: Grade;
  company_id: number | undefined;
  is_active: boolean;
}

export function memberValues(member: Member): MemberValues {
  return {
    role: member.role as MemberRole,
    grade: member.user.grade as Grade,
    company_id: member.user.company?.id,
    is_active: member.is_active,
  };
}

/** Only what the admin changed is sent. */
export function memberChanges(member: Member, values: MemberValues): MemberChanges {
  const before = memberValues(member);
  const changes: MemberChanges = {};
  if (values.role !== before.role) changes.role = values.role;
  if (values.grade !== before.grade) changes.grade = values.grade;
  if (values.company_id !== before.company_id && values.company_id !== undefined) changes.company_id = values.company_id;
  if (values.is_active !== before.is_active) changes.is_active = values.is_active;
  return changes;
}

export interface MemberDialogProps {
  projectId: number;
  member: Member;
  pending: boolean;
  error: Error | null;
  onSave: (values: MemberValues) => void;
  onClose: () => void;
}

/** Changes a member: role here, grade and company (theirs on every project), active or deactivated. */
export function MemberDialog({ projectId, member, pending, error, onSave, onClose }: MemberDialogProps) {
  const [form] = Form.useForm<MemberValues>();
  const companies = useCompanies(projectId);
  return (
    <FormDialog<MemberValues>
      open
      title={`Change ${member.user.name}`}
      okText="Save"
      form={form}
      initialValues={memberValues(member)}
      pending={pending}
      error={error}
      shownFields={['role', 'grade', 'company_id', 'is_active']}
      onCancel={onClose}
      onFinish={onSave}
    >
      <Form.Item name="role" label="Role on this project">
        <Select options={roleOptions} />
      </Form.Item>
      <Form.Item name="grade" label="Grade" extra="Their grade on every project they are on.">
        <Select options={gradeOptions} />
      </Form.Item>
      <Form.Item name="company_id" label="Company" extra="Their company, and so their side, on every project.">
        <Select
          showSearch
          optionFilterProp="label"
          loading={companies.isFetching}
          options={(companies.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${SIDE_LABELS[c.side as Side]})` }))}
        />
      </Form.Item>
      <Form.Item
        name="is_active"
        label="Active on this project"
        valuePropName="checked"
        extra="Deactivating returns their open tasks here to the pool; everything they did stays on record."
      >
        <Switch />
      </Form.Item>
    </FormDialog>
  );
}

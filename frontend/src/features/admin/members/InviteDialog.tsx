import { Form, Input, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { FormDialog } from '@/components/FormDialog';
import { newIdempotencyKey } from '@/lib/api/idempotency';
import type { Company, Grade, Invited, InviteBody, MemberRole, Side } from '../api';
import { useCompanies, useInviteMember } from './api';
import { gradeOptions, roleOptions, SIDE_LABELS, sideOptions } from './labels';

interface InviteValues {
  name: string;
  email: string;
  grade: Grade;
  role: MemberRole;
  company: 'existing' | 'new';
  company_id?: number;
  new_company_name?: string;
  new_company_side?: Side;
}

const SHOWN_FIELDS = ['name', 'email', 'grade', 'role', 'company_id', 'new_company'] as const;

export function inviteBody(values: InviteValues): InviteBody {
  const base = { name: values.name.trim(), email: values.email.trim(), grade: values.grade, role: values.role };
  return values.company === 'existing'
    ? { ...base, company_id: values.company_id }
    : { ...base, new_company: { name: (values.new_company_name ?? '').trim(), side: values.new_company_side ?? 'contractor' } };
}

function companyOption(company: Company) {
  return { value: company.id, label: `${company.name} (${SIDE_LABELS[company.side as Side]})` };
}

export interface InviteDialogProps {
  projectId: number;
  onInvited: (invited: Invited) => void;
  onClose: () => void;
}

/** Invites a new person: their name, e-mail, grade, role here, and their company (one of the tenant's or a new one). */
export function InviteDialog({ projectId, onInvited, onClose }: InviteDialogProps) {
  const [form] = Form.useForm<InviteValues>();
  const invite = useInviteMember(projectId);
  const companies = useCompanies(projectId);
  const [key] = useState(newIdempotencyKey);
  const companyChoice = Form.useWatch('company', form);
  const options = useMemo(() => (companies.data ?? []).map(companyOption), [companies.data]);
  return (
    <FormDialog<InviteValues>
      open
      title="Invite a person"
      okText="Invite"
      form={form}
      initialValues={{ role: 'member', grade: 'C', company: 'existing' }}
      pending={invite.isPending}
      error={invite.error}
      shownFields={SHOWN_FIELDS}
      onCancel={onClose}
      onFinish={(values) => {
        invite.mutate({ body: inviteBody(values), idempotencyKey: key }, { onSuccess: onInvited });
      }}
    >
      <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, max: 200 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="email" label="E-mail (their log-in)" rules={[{ required: true, type: 'email', max: 254 }]}>
        <Input autoComplete="off" inputMode="email" />
      </Form.Item>
      <Form.Item name="grade" label="Grade" rules={[{ required: true }]}>
        <Select options={gradeOptions} />
      </Form.Item>
      <Form.Item name="role" label="Role on this project" rules={[{ required: true }]}>
        <Select options={roleOptions} />
      </Form.Item>
      <Form.Item name="company" label="Company">
        <Radio.Group
          options={[
            { value: 'existing', label: 'An existing company' },
            { value: 'new', label: 'A new company' },
          ]}
        />
      </Form.Item>
      {companyChoice === 'new' ? (
        <>
          <Form.Item name="new_company_name" label="New company’s name" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="new_company_side" label="Its side" rules={[{ required: true, message: 'Choose its side.' }]}>
            <Select options={sideOptions} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="company_id" label="Company" rules={[{ required: true, message: 'Choose a company.' }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={companies.isFetching}
            options={options}
            aria-label="Existing company"
          />
        </Form.Item>
      )}
    </FormDialog>
  );
}

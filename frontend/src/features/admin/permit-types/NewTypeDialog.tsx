import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useCreateForm } from '@/lib/forms/formErrors';
import { projectPath } from '@/lib/session';
import { useCreatePermitType, type NewPermitType } from './api';

const FIELDS = ['code', 'name', 'category'] as const;

/** Tenant admins add a type by its code, name and SIMOPS category; the editor then sets the rest. */
export function NewTypeButton({ projectId }: { projectId: number }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewPermitType>();
  const navigate = useNavigate();
  const create = useCreatePermitType();
  // Created: straight to its editor, tenant-wide.
  const createThenEdit = {
    mutate: (
      input: { body: NewPermitType; idempotencyKey: string },
      callbacks: { onSuccess: () => void; onError: (error: Error) => void },
    ) => {
      create.mutate(input, {
        onSuccess: (created) => {
          callbacks.onSuccess();
          void navigate(projectPath(`/admin/permit-types/${String(created.id)}?scope=tenant`, projectId));
        },
        onError: callbacks.onError,
      });
    },
  };
  const { send, placed } = useCreateForm(form, createThenEdit, FIELDS, () => {
    setOpen(false);
  });
  return (
    <div>
      <Button
        type="primary"
        icon={<PlusOutlined aria-hidden />}
        onClick={() => {
          setOpen(true);
        }}
      >
        New permit type
      </Button>
      {open && (
        <Modal
          open
          title="New permit type"
          okText="Create"
          confirmLoading={create.isPending}
          onOk={() => {
            form.submit();
          }}
          onCancel={() => {
            setOpen(false);
          }}
        >
          <Form<NewPermitType> form={form} layout="vertical" onFinish={send}>
            <Form.Item
              name="code"
              label="Code"
              extra="Fixed once created, e.g. line-break."
              rules={[
                { required: true, message: 'A code.' },
                { pattern: /^[a-z0-9_-]+$/, message: 'Lower-case letters, digits, _ and -.' },
              ]}
            >
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: 'A name.' }]}>
              <Input maxLength={120} />
            </Form.Item>
            <Form.Item
              name="category"
              label="SIMOPS category"
              rules={[
                { required: true, message: 'A category, e.g. line_break.' },
                { pattern: /^[a-z][a-z0-9_]*$/, message: 'Lower-case letters, digits and _.' },
              ]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Form>
          {create.error !== null && <ErrorAlert error={create.error} shownFields={placed} />}
        </Modal>
      )}
    </div>
  );
}

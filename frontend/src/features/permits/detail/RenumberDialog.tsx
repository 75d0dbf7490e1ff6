import { Form, Input, Modal, Typography } from 'antd';
import type { useRenumberPermit } from '../api/actions';
import type { Permit } from '@/lib/api/models';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useCreateForm } from '@/lib/forms/formErrors';

const FIELDS = ['permit_number', 'reason'] as const;

interface RenumberValues {
  permit_number?: string;
  reason?: string;
}

/** The renumbering form in its dialog: a new number and the reason. */
export function RenumberDialog({
  permit,
  renumber,
  open,
  setOpen,
}: {
  permit: Pick<Permit, 'id' | 'permit_number'>;
  renumber: ReturnType<typeof useRenumberPermit>;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const [form] = Form.useForm<RenumberValues>();
  const { send, placed } = useCreateForm(form, renumber, FIELDS, () => {
    setOpen(false);
    form.resetFields();
  });

  return (
    <Modal
      open={open}
      title={`Renumber ${permit.permit_number}`}
      okText="Renumber"
      okButtonProps={{ loading: renumber.isPending, htmlType: 'submit' }}
      cancelText="Close"
      onOk={() => {
        form.submit();
      }}
      onCancel={() => {
        setOpen(false);
      }}
      destroyOnHidden
    >
      <Form<RenumberValues>
        form={form}
        layout="vertical"
        requiredMark
        disabled={renumber.isPending}
        onFinish={(values) => {
          send({ permit_number: (values.permit_number ?? '').trim(), reason: (values.reason ?? '').trim() });
        }}
      >
        <Typography.Paragraph>
          The timeline records the old and the new number with your reason. Signatures given so far become void.
        </Typography.Paragraph>
        <Form.Item
          name="permit_number"
          label="New number"
          rules={[{ required: true, whitespace: true, message: 'Give the new number.' }]}
        >
          <Input maxLength={20} placeholder="e.g. PTW-2026-000123" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="Reason"
          rules={[{ required: true, whitespace: true, message: 'Say why the permit is renumbered.' }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {renumber.error !== null && <ErrorAlert error={renumber.error} shownFields={placed} />}
      </Form>
    </Modal>
  );
}

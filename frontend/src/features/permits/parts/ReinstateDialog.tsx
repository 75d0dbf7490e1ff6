import { Form, Input, Radio, Typography } from 'antd';
import type { PermitIsolation } from '@/lib/api/models';
import { FormDialog } from '@/components/FormDialog';

const MAX_NOTE = 2000;

export interface Reinstatement {
  tested: boolean;
  note: string;
}

interface ReinstateValues {
  tested?: boolean;
  note?: string;
}

export interface ReinstateDialogProps {
  /** The de-isolated isolation to confirm; null keeps the dialog closed. */
  isolation: Pick<PermitIsolation, 'id' | 'name'> | null;
  pending: boolean;
  error: Error | null;
  onConfirm: (reinstatement: Reinstatement) => void;
  onCancel: () => void;
}

/** Confirms that a de-isolated point's equipment is back in service: tested, or why it was not. The person who
 * de-isolated it cannot confirm it (the server refuses them). */
export function ReinstateDialog({ isolation, pending, error, onConfirm, onCancel }: ReinstateDialogProps) {
  const [form] = Form.useForm<ReinstateValues>();
  const tested = Form.useWatch('tested', form);
  const submit = (values: ReinstateValues) => {
    onConfirm({ tested: values.tested === true, note: (values.note ?? '').trim() });
  };

  return (
    <FormDialog<ReinstateValues>
      open={isolation !== null}
      title={isolation === null ? '' : `Confirm reinstated — ${isolation.name}`}
      okText="Confirm reinstated"
      form={form}
      onFinish={submit}
      onCancel={onCancel}
      pending={pending}
      error={error}
      shownFields={['tested', 'note']}
    >
      <Typography.Paragraph>
        The equipment behind this point is back in service. Say whether it was tested; if not, record why.
      </Typography.Paragraph>
      <Form.Item name="tested" label="Tested" rules={[{ required: true, message: 'Say whether it was tested.' }]}>
        <Radio.Group
          optionType="button"
          options={[
            { label: 'Reinstated and tested', value: true },
            { label: 'Not tested', value: false },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={tested === false ? 'Why it was not tested' : 'Note'}
        rules={[
          { required: tested === false, whitespace: true, message: 'Say why the equipment was not tested.' },
          { max: MAX_NOTE, message: `At most ${String(MAX_NOTE)} characters.` },
        ]}
      >
        <Input.TextArea maxLength={MAX_NOTE} rows={3} />
      </Form.Item>
    </FormDialog>
  );
}

import { Form, Input, Typography } from 'antd';
import { ApiError } from '@/lib/api/client';
import type { PermitIsolation } from '@/lib/api/models';
import { FormDialog } from '@/components/FormDialog';

const MAX_LOCK = 40;

interface LockValues {
  locks?: (string | undefined)[];
}

export interface LockNumbersDialogProps {
  /** The isolation to apply; null keeps the dialog closed. */
  isolation: Pick<PermitIsolation, 'id' | 'name' | 'locks_required'> | null;
  pending: boolean;
  error: Error | null;
  onConfirm: (lockNumbers: string[]) => void;
  onCancel: () => void;
}

/** Asks for the lock numbers of an isolation being applied; shows the server's refusal (e.g. a lock in use) in place. */
export function LockNumbersDialog({ isolation, pending, error, onConfirm, onCancel }: LockNumbersDialogProps) {
  const [form] = Form.useForm<LockValues>();
  const required = isolation?.locks_required ?? 0;
  // The server's word on the numbers themselves (e.g. "In use: L-9."), shown under them.
  const lockErrors = error instanceof ApiError ? (error.fields.lock_numbers ?? []) : [];
  const submit = (values: LockValues) => {
    onConfirm((values.locks ?? []).map((number) => (number ?? '').trim()));
  };

  return (
    <FormDialog<LockValues>
      open={isolation !== null}
      title={isolation === null ? '' : `Apply isolation — ${isolation.name}`}
      okText="Apply"
      form={form}
      onFinish={submit}
      onCancel={onCancel}
      pending={pending}
      error={error}
      shownFields={['lock_numbers']}
    >
      <Typography.Paragraph>
        Record the {required === 1 ? 'lock or tag number' : `${String(required)} lock or tag numbers`} you applied at
        this point. A lock can be on one live isolation only.
      </Typography.Paragraph>
      {Array.from({ length: required }, (_item, index) => (
        <Form.Item
          key={index}
          name={['locks', index]}
          label={required === 1 ? 'Lock number' : `Lock number ${String(index + 1)}`}
          dependencies={Array.from({ length: required }, (_other, other) => ['locks', other]).filter(
            (_path, other) => other !== index,
          )}
          rules={[
            { required: true, whitespace: true, message: 'Give the lock number.' },
            { max: MAX_LOCK, message: `At most ${String(MAX_LOCK)} characters.` },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) => {
                const mine = (value ?? '').trim();
                const others = Array.from({ length: required }, (_other, other) => other)
                  .filter((other) => other !== index)
                  .map((other) => String(getFieldValue(['locks', other]) ?? '').trim());
                return mine !== '' && others.includes(mine)
                  ? Promise.reject(new Error('This number is given twice.'))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <Input maxLength={MAX_LOCK} autoComplete="off" autoFocus={index === 0} />
        </Form.Item>
      ))}
      {lockErrors.map((message) => (
        <Typography.Paragraph key={message} type="danger">
          {message}
        </Typography.Paragraph>
      ))}
    </FormDialog>
  );
}

import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

export interface FormDialogProps<Values> {
  /** Closed, the dialog forgets its form. */
  open: boolean;
  title: string;
  okText: string | undefined;
  form: FormInstance<Values>;
  initialValues?: FormProps<Values>['initialValues'];
  onFinish: (values: Values) => void;
  onCancel: () => void;
  /** The write is under way: the form is disabled and the dialog stays open. */
  pending: boolean;
  /** The server's refusal, shown under the form. */
  error: Error | null;
  /** Field errors the form shows on its own inputs, left out of the error alert. */
  shownFields?: readonly string[];
  /** Holds the OK button until the form is ready (e.g. a required confirmation). */
  okDisabled?: boolean;
  danger?: boolean;
  children: ReactNode;
}

/**
 * A dialog asking for a few values before a write: the form inside is submitted by OK, disabled
 * while the write is pending, and the server's refusal is shown in place.
 */
export function FormDialog<Values>({
  open,
  title,
  okText,
  form,
  initialValues,
  onFinish,
  onCancel,
  pending,
  error,
  shownFields,
  okDisabled,
  danger,
  children,
}: FormDialogProps<Values>) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ disabled: okDisabled, loading: pending, danger, htmlType: 'submit' }}
      cancelText="Close"
      onOk={() => {
        form.submit();
      }}
      onCancel={onCancel}
      destroyOnHidden
      maskClosable={!pending}
    >
      {open && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={onFinish}
          disabled={pending}
          requiredMark
        >
          {children}
          {error !== null && <ErrorAlert error={error} shownFields={shownFields} />}
        </Form>
      )}
    </Modal>
  );
}

import { Checkbox, Form, Input, InputNumber, Select, type FormRule } from 'antd';
import type { FormField } from '@/lib/api/models';
import { DayPicker } from '@/components/DayPicker';

const MAX_PARAMETER = 2000;

interface TemplateFieldsProps {
  fields: readonly FormField[];
  /** Required template fields are checked only when the permit is about to be submitted. */
  requiredNow: () => boolean;
}

function requiredRule(field: FormField, requiredNow: () => boolean): FormRule {
  return {
    validator: (_rule, value: unknown) => {
      const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      return field.required && blank && requiredNow()
        ? Promise.reject(new Error(`Fill in “${field.label}” before submitting.`))
        : Promise.resolve();
    },
  };
}

function control(field: FormField) {
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={MAX_PARAMETER} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'boolean':
      return <Checkbox />;
    case 'date':
      return <DayPicker />;
    case 'select':
      return (
        <Select
          allowClear
          options={field.options.map((option) => ({ value: option, label: option }))}
          placeholder="Choose"
        />
      );
    default:
      return <Input maxLength={MAX_PARAMETER} />;
  }
}

/** The chosen permit type's own fields (its form template), each rendered by its type. */
export function TemplateFields({ fields, requiredNow }: TemplateFieldsProps) {
  return fields.map((field) => (
    <Form.Item
      key={field.key}
      name={['parameters', field.key]}
      label={field.label}
      required={field.required}
      valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
      rules={[requiredRule(field, requiredNow)]}
      extra={field.required ? 'Required before submitting.' : undefined}
    >
      {control(field)}
    </Form.Item>
  ));
}

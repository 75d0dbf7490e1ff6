import { Checkbox, Form, Typography } from 'antd';
import type { ChecklistItem } from '@/lib/api/models';

/** A permit type's safety checklist as the permit form asks it: one checkbox per item, the required ones marked. */
export function TypeChecklistFields({ items }: { items: readonly ChecklistItem[] }) {
  return items.map((item) => (
    <Form.Item key={item.key} name={['checklist', item.key]} valuePropName="checked" style={{ marginBottom: 8 }}>
      <Checkbox>
        {item.label}
        {item.required && (
          <>
            {' '}
            <Typography.Text type="danger">(required)</Typography.Text>
          </>
        )}
      </Checkbox>
    </Form.Item>
  ));
}

import { Checkbox, Form, Typography } from 'antd';
import type { ChecklistItem } from '@/lib/api/models';
import { useIsPhone } from '@/lib/layout/useIsPhone';

/** On a phone the box's whole row takes the tap (44 px tall). */
export const PHONE_CHECKBOX_STYLE = { minHeight: 44, alignItems: 'center' } as const;

/** A permit type's safety checklist as the permit form asks it: one checkbox per item, the required ones marked. */
export function TypeChecklistFields({ items }: { items: readonly ChecklistItem[] }) {
  const phone = useIsPhone();
  return items.map((item) => (
    <Form.Item key={item.key} name={['checklist', item.key]} valuePropName="checked" style={{ marginBottom: 8 }}>
      <Checkbox style={phone ? PHONE_CHECKBOX_STYLE : undefined}>
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

import { Card, Checkbox, Descriptions, Empty, Flex, Form, Tag, Typography } from 'antd';
import { TemplateFields } from '@/components/TemplateFields';
import { PHONE_CHECKBOX_STYLE, TypeChecklistFields } from '@/components/TypeChecklistFields';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { PermitTypeTag } from '@/components/PermitTypeTag';
import { attachmentKindLabel } from '@/lib/permits/attachmentKinds';
import type { ChecklistItem, FormField } from '@/lib/api/models';
import { bodyValues, closingModeLabel, type TypeValues } from './typeModel';

/** Rows still being typed (no key or label yet) are left out of the preview. */
function complete<Row extends { key: string; label: string }>(rows: readonly Row[]): Row[] {
  return rows.filter((row) => row.key.trim() !== '' && row.label.trim() !== '');
}

function requirementTags(values: Partial<TypeValues>): string[] {
  return [
    values.requires_gas_test === true ? `Gas test (${(values.gas_tests_required ?? []).join(', ') || 'all gases'})` : '',
    values.requires_isolation === true ? 'Isolation' : '',
    values.requires_fire_watch === true ? `Fire watch ${String(values.fire_watch_minutes ?? 60)} min` : '',
    values.requires_toolbox_talk === true ? 'Toolbox talk' : '',
    (values.min_workers ?? 0) > 0 ? `At least ${String(values.min_workers)} workers` : '',
  ].filter((tag) => tag !== '');
}

/**
 * The permit form a requester will see for this type as it is being edited: its template fields, PPE and
 * safety checklist drawn by the permit form's own components, and what the type will require of the permit.
 */
export function TypePreview({ values }: { values: Partial<TypeValues> }) {
  const [form] = Form.useForm();
  const phone = useIsPhone();
  const body = bodyValues(values);
  const fields = complete(body.form_fields as FormField[]);
  const checklist = complete(body.checklist as ChecklistItem[]);
  const closeout = complete(body.closeout_checklist as ChecklistItem[]);
  const ppe = (values.mandatory_ppe ?? []).filter((item) => item.trim() !== '');
  const requirements = requirementTags(values);
  return (
    <section aria-label="Preview of the permit form">
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          What a requester fills in for this type, as you edit it. Try it: nothing here is saved.
        </Typography.Paragraph>
        <Descriptions size="small" column={1} bordered layout={phone ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label="Type">
            <PermitTypeTag type={{ name: values.name ?? '', color: values.color }} />
          </Descriptions.Item>
          <Descriptions.Item label="Time frame">
            {closingModeLabel(values.closing_mode ?? '')}; at most {String(values.max_validity_hours ?? '–')} h
            {values.closing_mode === 'manual_with_extension'
              ? `, up to ${String(values.max_extensions ?? 0)} extensions`
              : ''}
          </Descriptions.Item>
          <Descriptions.Item label="Requires">
            {requirements.length === 0 ? 'Nothing beyond the workflow' : (
              <Flex wrap gap={4}>
                {requirements.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Flex>
            )}
          </Descriptions.Item>
          {(values.required_attachments ?? []).length > 0 && (
            <Descriptions.Item label="Attach before submitting">
              {(values.required_attachments ?? []).map(attachmentKindLabel).join(', ')}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Form form={form} layout="vertical" name="permit-type-preview">
          <Flex vertical gap="middle">
            <Card title={`${values.name ?? ''}: details`} size="small">
              {fields.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No extra fields" />
              ) : (
                <TemplateFields fields={fields} requiredNow={() => false} />
              )}
            </Card>
            <Card title="Personal protective equipment" size="small">
              {ppe.length === 0 ? (
                <Typography.Text type="secondary">No mandatory PPE</Typography.Text>
              ) : (
                <Form.Item name="ppe_mandatory" label="Mandatory for this permit type">
                  <Checkbox.Group>
                    {ppe.map((item) => (
                      <Checkbox key={item} value={item} style={phone ? PHONE_CHECKBOX_STYLE : undefined}>
                        {item}
                      </Checkbox>
                    ))}
                  </Checkbox.Group>
                </Form.Item>
              )}
            </Card>
            <Card title="Safety checklist" size="small">
              {checklist.length === 0 ? (
                <Typography.Text type="secondary">No checklist</Typography.Text>
              ) : (
                <TypeChecklistFields items={checklist} />
              )}
            </Card>
            {values.requires_closeout !== false && closeout.length > 0 && (
              <Card title="Closeout (at hand-back)" size="small">
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {closeout.map((item) => (
                    <li key={item.key}>
                      {item.label}
                      {item.required ? ' (required)' : ''}
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </Flex>
        </Form>
      </Flex>
    </section>
  );
}

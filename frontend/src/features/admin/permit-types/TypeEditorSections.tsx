import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { memo, type ReactNode } from 'react';
import { PHONE_CHECKBOX_STYLE } from '@/components/TypeChecklistFields';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { COMPETENCY_ROLES, useCompetencyKinds } from '@/lib/competency/kinds';
import { ATTACHMENT_KINDS } from '@/lib/permits/attachmentKinds';
import { CLOSING_MODES, FIELD_KINDS, FIELD_LABELS, RISK_LEVELS, TENANT_ONLY, type EditableField } from './typeModel';

const SLUG = /^[a-z0-9_-]+$/;
const COLOUR = /^#[0-9a-fA-F]{6}$/;
const CATEGORY = /^[a-z][a-z0-9_]*$/;

interface SectionsProps {
  /** Editing one project's override: tenant-only fields are read-only. */
  onProject: boolean;
  /** The fields this project overrides, marked beside their label. */
  overridden: readonly string[];
}

function Label({ field, overridden }: { field: EditableField; overridden: readonly string[] }) {
  return (
    <>
      {FIELD_LABELS[field]}
      {overridden.includes(field) && (
        <Typography.Text type="warning" style={{ marginInlineStart: 6 }}>
          (this project)
        </Typography.Text>
      )}
    </>
  );
}

interface TapSwitchProps {
  id?: string;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
  disabled?: boolean;
}

/** A switch inside a label that makes a 44 px tap target of it (Form.Item gives it its id, value and onChange). */
function TapSwitch({ id, checked, onChange, disabled }: TapSwitchProps) {
  return (
    <label style={TAP_TARGET_STYLE}>
      <Switch id={id} checked={checked} onChange={onChange} disabled={disabled} />
    </label>
  );
}

/** A checkbox whose row takes the tap on a phone. */
function RowCheckbox(props: { id?: string; checked?: boolean; onChange?: () => void; children: ReactNode }) {
  const phone = useIsPhone();
  return <Checkbox {...props} style={phone ? PHONE_CHECKBOX_STYLE : undefined} />;
}

function RemoveRow({ label, onRemove }: { label: string; onRemove: () => void }) {
  return <Button aria-label={label} icon={<DeleteOutlined aria-hidden />} onClick={onRemove} />;
}

/** Keys unique within one list (the server says so too, with 400). */
function uniqueKey(list: string) {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_rule: unknown, value: string | undefined) => {
      const rows = (getFieldValue(list) ?? []) as { key?: string }[];
      const same = rows.filter((row) => row.key === value).length;
      return value && same > 1 ? Promise.reject(new Error('Each key once in this list.')) : Promise.resolve();
    },
  });
}

const keyRules = (list: string) => [
  { required: true, message: 'A key, e.g. spark_screens.' },
  { pattern: SLUG, message: 'Lower-case letters, digits, _ and -.' },
  { max: 60, message: 'At most 60 characters.' },
  uniqueKey(list),
];
const labelRules = [
  { required: true, whitespace: true, message: 'What the requester reads.' },
  { max: 200, message: 'At most 200 characters.' },
];

/** A list of `{key, label, required}` items: the safety checklist or the closeout items. */
function ChecklistList({ name, noun }: { name: 'checklist' | 'closeout_checklist'; noun: string }) {
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.map((row, index) => (
            <Row key={row.key} gutter={8} align="top" wrap>
              <Col xs={24} md={7}>
                <Form.Item name={[row.name, 'key']} label={`${noun} ${String(index + 1)} key`} rules={keyRules(name)}>
                  <Input maxLength={60} />
                </Form.Item>
              </Col>
              <Col xs={24} md={11}>
                <Form.Item name={[row.name, 'label']} label={`${noun} ${String(index + 1)} label`} rules={labelRules}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col xs={18} md={4}>
                <Form.Item name={[row.name, 'required']} valuePropName="checked" label=" ">
                  <RowCheckbox>Required</RowCheckbox>
                </Form.Item>
              </Col>
              <Col xs={6} md={2}>
                <Form.Item label=" ">
                  <RemoveRow
                    label={`Remove ${noun.toLowerCase()} ${String(index + 1)}`}
                    onRemove={() => {
                      remove(row.name);
                    }}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <div>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => {
                add({ key: '', label: '', required: true });
              }}
            >
              Add {noun.toLowerCase()}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

function TemplateFieldList() {
  return (
    <Form.List name="form_fields">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.map((row, index) => (
            <Card key={row.key} size="small" type="inner" title={`Field ${String(index + 1)}`}>
              <Row gutter={8}>
                <Col xs={24} md={8}>
                  <Form.Item name={[row.name, 'key']} label="Key" rules={keyRules('form_fields')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name={[row.name, 'label']} label="Label" rules={labelRules}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={[row.name, 'type']} label="Kind" rules={[{ required: true, message: 'Choose.' }]}>
                    <Select options={FIELD_KINDS.map((kind) => ({ ...kind }))} />
                  </Form.Item>
                </Col>
                <Form.Item noStyle dependencies={[['form_fields', row.name, 'type']]}>
                  {({ getFieldValue }) =>
                    getFieldValue(['form_fields', row.name, 'type']) === 'select' ? (
                      <Col xs={24}>
                        <Form.Item
                          name={[row.name, 'options']}
                          label="Options"
                          extra="Type an option and press Enter."
                          rules={[{ required: true, type: 'array', min: 1, message: 'A choice needs options.' }]}
                        >
                          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',']} />
                        </Form.Item>
                      </Col>
                    ) : null
                  }
                </Form.Item>
                <Col xs={18}>
                  <Form.Item name={[row.name, 'required']} valuePropName="checked">
                    <RowCheckbox>Required before submitting</RowCheckbox>
                  </Form.Item>
                </Col>
                <Col xs={6} style={{ textAlign: 'end' }}>
                  <RemoveRow
                    label={`Remove field ${String(index + 1)}`}
                    onRemove={() => {
                      remove(row.name);
                    }}
                  />
                </Col>
              </Row>
            </Card>
          ))}
          <div>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => {
                add({ key: '', label: '', type: 'text', required: false, options: [] });
              }}
            >
              Add field
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

function GasLimitList() {
  return (
    <Form.List name="gas_limits">
      {(rows, { add, remove }) => (
        <Flex vertical gap={8}>
          {rows.map((row, index) => (
            <Row key={row.key} gutter={8} wrap>
              <Col xs={24} sm={12} md={5}>
                <Form.Item
                  name={[row.name, 'gas']}
                  label={`Gas ${String(index + 1)}`}
                  rules={[{ required: true, message: 'e.g. NH3' }]}
                >
                  <Input maxLength={16} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={5}>
                <Form.Item name={[row.name, 'unit']} label="Unit">
                  <Input maxLength={10} placeholder="ppm" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={6}>
                <Form.Item name={[row.name, 'min']} label="At least">
                  <Input inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} md={6}>
                <Form.Item
                  name={[row.name, 'max']}
                  label="Below"
                  dependencies={[['gas_limits', row.name, 'min']]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_rule, value: string | undefined) => {
                        const low = Number.parseFloat(String(getFieldValue(['gas_limits', row.name, 'min']) ?? ''));
                        const high = Number.parseFloat(value ?? '');
                        return !Number.isNaN(low) && !Number.isNaN(high) && low >= high
                          ? Promise.reject(new Error('Above the minimum.'))
                          : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <Input inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={6} md={2}>
                <Form.Item label=" ">
                  <RemoveRow
                    label={`Remove gas ${String(index + 1)}`}
                    onRemove={() => {
                      remove(row.name);
                    }}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <div>
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => {
                add({ gas: '', min: '', max: '', unit: '' });
              }}
            >
              Add gas limit
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={title} size="small">
      <section aria-label={title}>{children}</section>
    </Card>
  );
}

/**
 * The editor's inputs, in the sections of product §2.3: one antd form, sent as the fields that changed. Memoised:
 * the form keeps its own values, so typing re-renders only the field and the preview, not every section.
 */
export const TypeEditorSections = memo(function TypeEditorSections({ onProject, overridden }: SectionsProps) {
  const label = (field: EditableField) => <Label field={field} overridden={overridden} />;
  const tenantOnly = (field: EditableField) => onProject && TENANT_ONLY.includes(field);
  return (
    <Flex vertical gap="middle">
      <Section title="General">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={label('name')}
              extra={tenantOnly('name') ? 'Tenant-wide only.' : undefined}
              rules={[{ required: true, whitespace: true, message: 'Name the type.' }]}
            >
              <Input maxLength={120} disabled={tenantOnly('name')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={label('category')}
              extra={tenantOnly('category') ? 'Tenant-wide only.' : 'Conflict rules pair categories, e.g. hot_work.'}
              rules={[{ pattern: CATEGORY, message: 'Lower-case letters, digits and _, e.g. hot_work.' }]}
            >
              <Input maxLength={60} disabled={tenantOnly('category')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="color"
              label={label('color')}
              rules={[{ pattern: COLOUR, message: 'A colour like #d4380d.' }]}
              extra="As #rrggbb: the type's tag, board bars and plot-plan pins."
            >
              <Input type="color" style={{ maxWidth: 120 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="risk_level" label={label('risk_level')}>
              <Select options={RISK_LEVELS} />
            </Form.Item>
          </Col>
          {onProject && (
            <Col xs={24}>
              <Form.Item
                name="is_active"
                label={label('is_active')}
                valuePropName="checked"
                extra="Off: not offered for new permits on this project (permits that have it keep it)."
              >
                <TapSwitch />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Section>

      <Section title="Time frame">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="closing_mode" label={label('closing_mode')}>
              <Select options={CLOSING_MODES} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="max_validity_hours" label={label('max_validity_hours')} rules={[{ required: true }]}>
              <InputNumber min={1} max={336} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="max_extensions" label={label('max_extensions')} rules={[{ required: true }]}>
              <InputNumber min={0} max={10} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Section>

      <Section title="Requirements">
        <Row gutter={16}>
          {(
            [
              ['requires_gas_test', 'Gas test before verification and work'],
              ['requires_isolation', 'Isolations verified before approval'],
              ['requires_fire_watch', 'A fire watch kept after hot work'],
              ['requires_toolbox_talk', 'Toolbox talk and crew sign-on before work'],
              ['requires_closeout', 'Closeout checklist at hand-back'],
            ] as const
          ).map(([field, help]) => (
            <Col xs={24} md={12} key={field}>
              <Form.Item name={field} label={label(field)} valuePropName="checked" extra={help}>
                <TapSwitch />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="fire_watch_minutes" label={label('fire_watch_minutes')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="min_workers" label={label('min_workers')} rules={[{ required: true }]}>
              <InputNumber min={0} max={200} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="required_attachments" label={label('required_attachments')}>
              <Select mode="multiple" options={ATTACHMENT_KINDS.map((kind) => ({ ...kind }))} placeholder="None" />
            </Form.Item>
          </Col>
        </Row>
        <RequiredCompetencies />
      </Section>

      <Section title="Gas testing">
        <Form.Item
          name="gas_tests_required"
          label={label('gas_tests_required')}
          extra="O2, LEL, H2S and CO have default limits; another gas needs its limit below."
        >
          <Select mode="tags" tokenSeparators={[',']} options={['O2', 'LEL', 'H2S', 'CO'].map((gas) => ({ value: gas }))} />
        </Form.Item>
        <Typography.Text strong>{label('gas_limits')}</Typography.Text>
        <Typography.Paragraph type="secondary">
          Limits of this type that differ from the defaults (O2 19.5–23.5 %vol, LEL below 10 %LEL, H2S below 10 ppm, CO
          below 35 ppm).
        </Typography.Paragraph>
        <GasLimitList />
      </Section>

      <Section title="PPE">
        <Form.Item name="mandatory_ppe" label={label('mandatory_ppe')} extra="Type an item and press Enter.">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',']} placeholder="e.g. Safety helmet" />
        </Form.Item>
      </Section>

      <Section title="Safety checklist">
        {overridden.includes('checklist') && <Label field="checklist" overridden={overridden} />}
        <ChecklistList name="checklist" noun="Item" />
      </Section>

      <Section title="Closeout items">
        {overridden.includes('closeout_checklist') && <Label field="closeout_checklist" overridden={overridden} />}
        <ChecklistList name="closeout_checklist" noun="Closeout item" />
      </Section>

      <Section title="Template fields">
        {overridden.includes('form_fields') && <Label field="form_fields" overridden={overridden} />}
        <TemplateFieldList />
      </Section>
    </Flex>
  );
});

/** Per role on a permit, the competencies whose valid certificate the person acting must hold (the register's kinds). */
function RequiredCompetencies() {
  const kinds = useCompetencyKinds();
  const options = (kinds.data ?? []).map((kind) => ({ value: kind.code, label: kind.name }));
  return (
    <>
      <Typography.Text strong>{FIELD_LABELS.required_competencies}</Typography.Text>
      <Typography.Paragraph type="secondary">
        A person acting in a role without a valid certificate of each kind named is refused (gas readings,
        isolations, signing acts, starting work with a crew).
      </Typography.Paragraph>
      <Row gutter={16}>
        {COMPETENCY_ROLES.map((role) => (
          <Col xs={24} md={12} key={role.value}>
            <Form.Item name={['required_competencies', role.value]} label={role.label}>
              <Select mode="multiple" options={options} loading={kinds.isLoading} placeholder="None" />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </>
  );
}

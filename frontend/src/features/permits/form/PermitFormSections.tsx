import { Alert, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Tag, type FormRule } from 'antd';
import type { Candidate, PermitType } from '@/lib/api/models';
import { LIMITS, type GroupField } from './formModel';
import { TemplateFields } from '@/components/TemplateFields';
import { TypeChecklistFields } from '@/components/TypeChecklistFields';
import { PROBABILITY_NAMES, RiskMatrix, SEVERITY_NAMES } from './RiskMatrix';
import { wallClockToIso } from '@/lib/time/zonedInput';
import { WallClockPicker } from '@/components/WallClockPicker';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useLocationTree } from '../api/simops';
import type { RelatedPermit } from '../simops/types';
import { DependsOnPicker } from '../simops/DependsOnPicker';
import { LocationPicker } from '../simops/LocationPicker';

interface SectionsProps {
  projectId: number;
  /** The stored permit being edited (its type is then fixed), and the permits it depends on. */
  editing: boolean;
  permitId?: number;
  dependsOn: readonly RelatedPermit[];
  types: readonly PermitType[];
  type: PermitType | undefined;
  candidates: readonly Candidate[];
  timeZone: string;
  /** True while validating for "Save and submit": the submit-time rules apply too. */
  submitting: () => boolean;
  groupErrors: Partial<Record<GroupField, string[]>>;
}

const HOUR = 3_600_000;

const WORK_NATURES = [
  { value: 'day', label: 'Day shift' },
  { value: 'night', label: 'Night shift' },
  { value: 'both', label: 'Day and night' },
];
const PRIORITIES = [
  { value: 'low', label: 'Low' },
  { value: 'normal', label: 'Normal' },
  { value: 'high', label: 'High' },
  { value: 'urgent', label: 'Urgent' },
];
const PROBABILITIES = PROBABILITY_NAMES.map((label, index) => ({
  value: index + 1,
  label: `${String(index + 1)} — ${label}`,
}));
const SEVERITIES = SEVERITY_NAMES.map((label, index) => ({
  value: index + 1,
  label: `${String(index + 1)} — ${label}`,
}));

/** Probability and severity may wait in a draft; "Save and submit" needs them (the server's submit guard too). */
function assessmentRules(name: string, submitting: () => boolean): FormRule[] {
  return [
    {
      validator: (_rule, value: number | null | undefined) =>
        submitting() && (value === undefined || value === null)
          ? Promise.reject(new Error(`Choose the ${name}: the risk must be assessed to submit.`))
          : Promise.resolve(),
    },
  ];
}

function textRules(label: string, max: number, required: boolean): FormRule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: `Fill in the ${label.toLowerCase()}.` }] : []),
    { max, message: `${label}: at most ${String(max)} characters.` },
  ];
}

function GroupError({ messages }: { messages: string[] | undefined }) {
  if (messages === undefined || messages.length === 0) return null;
  return <Alert type="error" showIcon message={messages.join(' ')} style={{ marginBottom: 12 }} />;
}

/** The form's inputs, in the sections a permit is read in. */
export function PermitFormSections({
  projectId,
  editing,
  permitId,
  dependsOn,
  types,
  type,
  candidates,
  timeZone,
  submitting,
  groupErrors,
}: SectionsProps) {
  const mandatoryPpe = type?.mandatory_ppe ?? [];
  const locations = useLocationTree(projectId);
  // The place is named by a node of the tree, by text, or both (the text is then its detail).
  const locationRules: FormRule[] = [
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) =>
        getFieldValue('location_node') == null && (value ?? '').trim() === ''
          ? Promise.reject(new Error('Choose a location in the tree or describe it.'))
          : Promise.resolve(),
    }),
    { max: LIMITS.location, message: `Location: at most ${String(LIMITS.location)} characters.` },
  ];
  const endRules: FormRule[] = [
    { required: true, message: 'Choose the planned end.' },
    ({ getFieldValue }) => ({
      validator: (_rule, value: string | undefined) => {
        const start = wallClockToIso(String(getFieldValue('planned_start') ?? ''), timeZone);
        const end = wallClockToIso(value ?? '', timeZone);
        if (start === null || end === null) return Promise.resolve();
        const hours = (Date.parse(end) - Date.parse(start)) / HOUR;
        if (hours <= 0) return Promise.reject(new Error('The planned end must be after the planned start.'));
        if (type !== undefined && submitting() && hours > type.max_validity_hours)
          return Promise.reject(
            new Error(`A ${type.name} permit may last at most ${String(type.max_validity_hours)} hours.`),
          );
        return Promise.resolve();
      },
    }),
  ];

  return (
    <Flex vertical gap="middle" style={{ marginBottom: 16 }}>
      <Card title="The work" size="small">
        <Form.Item
          name="permit_type"
          label="Permit type"
          rules={[{ required: true, message: 'Choose the permit type.' }]}
          extra={editing ? 'The type of a stored permit cannot change.' : undefined}
        >
          <Select
            disabled={editing}
            placeholder="Choose a permit type"
            options={types.map((option) => ({
              value: option.id,
              label: (
                <Flex align="center" gap={8}>
                  <Tag color={option.color} style={{ marginInlineEnd: 0 }} aria-hidden>
                    {' '}
                  </Tag>
                  {option.name}
                </Flex>
              ),
              title: option.name,
            }))}
            optionLabelProp="title"
          />
        </Form.Item>
        <Form.Item name="title" label="Title" rules={textRules('Title', LIMITS.title, true)}>
          <Input maxLength={LIMITS.title} showCount />
        </Form.Item>
        <Form.Item name="description" label="Description" rules={textRules('Description', LIMITS.description, true)}>
          <Input.TextArea rows={4} maxLength={LIMITS.description} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="location_node"
              label="Location (site tree)"
              extra="Area, unit or equipment: conflicts with other permits are found from it."
            >
              <LocationPicker nodes={locations.data?.nodes ?? []} loading={locations.isPending} />
            </Form.Item>
            {locations.error !== null && <ErrorAlert error={locations.error} />}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="location"
              label="Location detail"
              dependencies={['location_node']}
              rules={locationRules}
              extra="e.g. north side, 3 m up"
            >
              <Input maxLength={LIMITS.location} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="work_order" label="Work order" rules={textRules('Work order', LIMITS.workOrder, false)}>
              <Input maxLength={LIMITS.workOrder} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="work_nature" label="Work nature">
              <Select options={WORK_NATURES} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="priority" label="Priority">
              <Select options={PRIORITIES} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={`When (site time, ${timeZone})`} size="small">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="planned_start"
              label="Planned start"
              rules={[{ required: true, message: 'Choose the planned start.' }]}
            >
              <WallClockPicker />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="planned_end"
              label="Planned end"
              dependencies={['planned_start']}
              rules={endRules}
              extra={type === undefined ? undefined : `At most ${String(type.max_validity_hours)} hours for ${type.name}.`}
            >
              <WallClockPicker />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="Risk and controls" size="small">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="probability"
              label="Probability"
              required
              rules={assessmentRules('probability', submitting)}
              extra="Needed to submit."
            >
              <Select allowClear options={PROBABILITIES} placeholder="Choose 1 to 5" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="severity"
              label="Severity"
              required
              rules={assessmentRules('severity', submitting)}
              extra="Needed to submit."
            >
              <Select allowClear options={SEVERITIES} placeholder="Choose 1 to 5" />
            </Form.Item>
          </Col>
        </Row>
        <RiskMatrix bands={(type ?? types[0])?.risk_bands ?? []} />
        <Form.Item name="hazards" label="Hazards" rules={textRules('Hazards', LIMITS.long, false)}>
          <Input.TextArea rows={3} maxLength={LIMITS.long} />
        </Form.Item>
        <Form.Item
          name="control_measures"
          label="Control measures"
          rules={textRules('Control measures', LIMITS.long, false)}
        >
          <Input.TextArea rows={3} maxLength={LIMITS.long} />
        </Form.Item>
      </Card>

      {type !== undefined && type.form_fields.length > 0 && (
        <Card title={`${type.name}: details`} size="small">
          <section aria-label={`${type.name} details`}>
            <GroupError messages={groupErrors.parameters} />
            <TemplateFields fields={type.form_fields} requiredNow={submitting} />
          </section>
        </Card>
      )}

      <Card title="Personal protective equipment" size="small">
        {mandatoryPpe.length > 0 && (
          <Form.Item name="ppe_mandatory" label="Mandatory for this permit type">
            <Checkbox.Group options={mandatoryPpe.map((item) => ({ value: item, label: item }))} />
          </Form.Item>
        )}
        <Form.Item name="ppe_other" label="Other PPE" extra="Type an item and press Enter.">
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',']} placeholder="e.g. Ear defenders" />
        </Form.Item>
      </Card>

      {type !== undefined && type.checklist.length > 0 && (
        <Card title="Safety checklist" size="small">
          <section aria-label="Safety checklist">
            <GroupError messages={groupErrors.checklist} />
            <TypeChecklistFields items={type.checklist} />
          </section>
        </Card>
      )}

      <Card title="Instructions and people" size="small">
        <Form.Item
          name="special_instructions"
          label="Special instructions"
          rules={textRules('Special instructions', LIMITS.long, false)}
        >
          <Input.TextArea rows={2} maxLength={LIMITS.long} />
        </Form.Item>
        <Form.Item
          name="depends_on"
          label="Depends on (optional)"
          extra="Work cannot start under this permit while a permit it depends on is not active, e.g. the isolation permit."
        >
          <DependsOnPicker projectId={projectId} permitId={permitId} known={dependsOn} />
        </Form.Item>
        <Form.Item
          name="verifier_id"
          label="Named verifier (optional)"
          extra="Leave empty to send the permit to every verifier of the project."
        >
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={candidates.length === 0 ? 'No verifiers available' : 'Any verifier'}
            options={candidates.map((candidate) => ({
              value: candidate.id,
              label: `${candidate.name} — ${candidate.company}, grade ${candidate.grade}`,
            }))}
          />
        </Form.Item>
      </Card>
    </Flex>
  );
}

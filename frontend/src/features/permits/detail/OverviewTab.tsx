import { CheckSquareOutlined, BorderOutlined } from '@ant-design/icons';
import { Descriptions, Flex, List, Skeleton, Tag, Typography, type DescriptionsProps } from 'antd';
import { lazy } from 'react';
import { OnDemand } from '@/components/OnDemand';
import type { Permit, PermitType } from '@/lib/api/models';
import { formatFieldValue } from '../components/fieldValues';
import { capitalise, NOT_ASSESSED, riskText } from '@/lib/permits/riskLevel';
import { useIsPhone } from '@/lib/layout/useIsPhone';

// Loaded after the first screen: the permit page's first load stays within its budget.
const PermitSimopsSection = lazy(() =>
  import('../simops/PermitSimopsSection').then((module) => ({ default: module.PermitSimopsSection })),
);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function Multiline({ text }: { text: string | undefined }) {
  if (text === undefined || text.trim() === '') return <Typography.Text type="secondary">—</Typography.Text>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>;
}

/** All of the permit's content: the work, its risk and controls, type details, PPE and checklist. */
export function OverviewTab({ permit, type, timeZone }: { permit: Permit; type: PermitType | undefined; timeZone: string }) {
  const parameters = record(permit.parameters);
  const checklist = record(permit.checklist);
  const ppe = strings(permit.ppe);
  const mandatory = type?.mandatory_ppe ?? [];
  const templateKeys = new Set((type?.form_fields ?? []).map((field) => field.key));

  const work: DescriptionsProps['items'] = [
    { key: 'description', label: 'Description', span: 'filled', children: <Multiline text={permit.description} /> },
    { key: 'location_node', label: 'Location', children: permit.location_node?.path ?? '—' },
    { key: 'location', label: 'Location detail', children: permit.location === '' ? '—' : permit.location },
    { key: 'work_order', label: 'Work order', children: permit.work_order === undefined || permit.work_order === '' ? '—' : permit.work_order },
    { key: 'work_nature', label: 'Work nature', children: permit.work_nature ? capitalise(permit.work_nature) : '—' },
    { key: 'priority', label: 'Priority', children: permit.priority ? capitalise(permit.priority) : '—' },
    { key: 'probability', label: 'Probability', children: permit.probability ?? NOT_ASSESSED },
    { key: 'severity', label: 'Severity', children: permit.severity ?? NOT_ASSESSED },
    { key: 'risk', label: 'Risk', children: riskText(permit.risk_level, permit.risk_score) },
    { key: 'hazards', label: 'Hazards', span: 'filled', children: <Multiline text={permit.hazards} /> },
    {
      key: 'control_measures',
      label: 'Control measures',
      span: 'filled',
      children: <Multiline text={permit.control_measures} />,
    },
    {
      key: 'special_instructions',
      label: 'Special instructions',
      span: 'filled',
      children: <Multiline text={permit.special_instructions} />,
    },
    {
      key: 'actual',
      label: 'Actual start / end',
      span: 'filled',
      children: `${formatFieldValue('actual_start', permit.actual_start, timeZone)} / ${formatFieldValue('actual_end', permit.actual_end, timeZone)}`,
    },
  ];

  const details: DescriptionsProps['items'] = [
    ...(type?.form_fields ?? []).map((field) => ({
      key: field.key,
      label: field.label,
      children: formatFieldValue(field.key, parameters[field.key], timeZone),
    })),
    // Values of fields the type no longer has are still part of the record.
    ...Object.entries(parameters)
      .filter(([key]) => !templateKeys.has(key))
      .map(([key, value]) => ({ key, label: key.replaceAll('_', ' '), children: formatFieldValue(key, value, timeZone) })),
  ];

  // On a phone a label column beside the value would leave both a sliver: labels go above their values.
  const layout = useIsPhone() ? 'vertical' : 'horizontal';
  const checklistItems = (type?.checklist ?? []).map((item) => ({ ...item, ticked: checklist[item.key] === true }));

  return (
    <Flex vertical gap="large">
      <Descriptions title="The work" bordered size="small" column={{ xs: 1, md: 2 }} layout={layout} items={work} />
      <OnDemand fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
        <PermitSimopsSection permit={permit} timeZone={timeZone} />
      </OnDemand>
      {details.length > 0 && (
        <Descriptions
          title={`${permit.permit_type.name}: details`}
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          layout={layout}
          items={details}
        />
      )}
      <section aria-label="Personal protective equipment">
        <Typography.Title level={5}>Personal protective equipment</Typography.Title>
        {ppe.length === 0 ? (
          <Typography.Text type="secondary">None listed.</Typography.Text>
        ) : (
          <Flex wrap gap="small">
            {ppe.map((item) => (
              <Tag key={item} color={mandatory.includes(item) ? 'blue' : undefined}>
                {item}
                {mandatory.includes(item) ? ' (mandatory)' : ''}
              </Tag>
            ))}
          </Flex>
        )}
      </section>
      {checklistItems.length > 0 && (
        <section aria-label="Safety checklist">
          <Typography.Title level={5}>Safety checklist</Typography.Title>
          <List
            size="small"
            dataSource={checklistItems}
            renderItem={(item) => (
              <List.Item>
                <Flex gap="small" align="center">
                  {item.ticked ? (
                    <CheckSquareOutlined style={{ color: '#52c41a' }} aria-hidden />
                  ) : (
                    <BorderOutlined aria-hidden />
                  )}
                  <span>
                    {item.label}
                    {item.required ? ' (required)' : ''}: <strong>{item.ticked ? 'Yes' : 'No'}</strong>
                  </span>
                </Flex>
              </List.Item>
            )}
          />
        </section>
      )}
    </Flex>
  );
}

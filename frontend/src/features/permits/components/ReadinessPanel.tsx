import { Collapse, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Missing, PermitReadiness } from '@/lib/api/models';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { actionLabel, ACTION_ORDER } from './actionCatalog';

interface ReadinessRow {
  action: string;
  /** A record's label (gas test, isolation); an action's comes from the catalogue. */
  label?: string;
  allowed: boolean;
  relevant: boolean;
  missing: Missing[];
}

/** Reasons that say the action is someone else's to take: not worth showing this person up front. */
const SOMEONE_ELSES = new Set(['not_permitted', 'not_in_pool', 'separation_of_duties']);

/** An action that matters to this person now: allowed, or allowed by the status and theirs once what is missing is done. */
function matters(row: ReadinessRow): boolean {
  return row.allowed || (row.relevant && !row.missing.some((item) => SOMEONE_ELSES.has(item.code)));
}

const REQUIREMENT_LABELS: Readonly<Record<keyof PermitReadiness['requires'], string>> = {
  gas_test: 'Gas test',
  isolation: 'Isolation (lockout/tagout)',
  toolbox_talk: 'Toolbox talk',
  closeout: 'Closeout checklist',
  deisolation: 'De-isolation before hand-back',
  fire_watch: 'Fire watch after hot work',
};

/** The records a competency guards, as readiness names them: shown when they are refused to the caller. */
const RECORD_LABELS: Readonly<Record<string, string>> = {
  gas_test: 'Record a gas test',
  isolate: 'Apply an isolation',
  verify_isolation: 'Verify an isolation',
};

const columns: TableColumnsType<ReadinessRow> = [
  {
    title: 'Action',
    dataIndex: 'action',
    key: 'action',
    render: (action: string, row) => row.label ?? actionLabel(action),
  },
  {
    title: 'Now',
    dataIndex: 'allowed',
    key: 'allowed',
    render: (allowed: boolean) => (allowed ? <Tag color="success">Possible</Tag> : <Tag>Not possible</Tag>),
  },
  {
    title: 'What is missing',
    dataIndex: 'missing',
    key: 'missing',
    render: (missing: Missing[]) =>
      missing.length === 0 ? (
        <Typography.Text type="secondary">Nothing</Typography.Text>
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {missing.map((item) => (
            <li key={item.code}>{item.message}</li>
          ))}
        </ul>
      ),
  },
];

function rank(action: string): number {
  const index = (ACTION_ORDER as readonly string[]).indexOf(action);
  return index === -1 ? ACTION_ORDER.length : index;
}

function ReadinessTable({ rows }: { rows: ReadinessRow[] }) {
  return (
    <Table<ReadinessRow> rowKey="action" columns={columns} dataSource={rows} pagination={false} size="small" scroll={{ x: true }} />
  );
}

/**
 * For the signed-in user: the actions that matter for this permit's status and this person — whether each is
 * possible now and what is missing — with the rest folded away under "Other actions".
 */
export function ReadinessPanel({ readiness }: { readiness: PermitReadiness }) {
  // A small fold's header is 38 px: too short a tap target on a phone.
  const phone = useIsPhone();
  const rows: ReadinessRow[] = Object.entries(readiness.actions)
    .map(([action, state]) => ({ action, allowed: state.allowed, relevant: state.relevant, missing: state.missing }))
    .sort((a, b) => rank(a.action) - rank(b.action));
  // A record refused to the caller, as its service would refuse it (readiness.records): among the actions that matter
  // when the permit's status takes it and it is theirs to make (their certificates refuse it), else with the others.
  const refusedRecords = Object.entries(readiness.records)
    .filter(([, state]) => !state.allowed)
    .map(([record, state]) => ({
      action: `record:${record}`,
      label: RECORD_LABELS[record] ?? record.replaceAll('_', ' '),
      allowed: false,
      relevant: state.relevant,
      missing: state.missing,
    }));
  rows.push(...refusedRecords);
  const warnings = readiness.warnings;
  const shown = rows.filter(matters);
  const others = rows.filter((row) => !matters(row));
  const required = Object.entries(REQUIREMENT_LABELS)
    .filter(([key]) => readiness.requires[key as keyof PermitReadiness['requires']])
    .map(([, label]) => label);

  return (
    <Flex vertical gap="middle">
      {warnings.length > 0 && (
        // Plain text, not antd's Alert: the panel is in the permit page's first load (the JS budget).
        <section aria-label="Certificates expiring soon">
          <Typography.Text type="warning" strong>
            Certificates expiring soon
          </Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {warnings.map((item) => (
              <li key={item.message}>
                <Typography.Text type="warning">{item.message}</Typography.Text>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Typography.Paragraph style={{ margin: 0 }}>
        {required.length === 0
          ? 'This permit type needs no gas test, isolation, toolbox talk or closeout.'
          : `This permit type requires: ${required.join(', ')}.`}
      </Typography.Paragraph>
      {shown.length === 0 ? (
        <Typography.Text type="secondary">Nothing for you to do on this permit now.</Typography.Text>
      ) : (
        <ReadinessTable rows={shown} />
      )}
      {others.length > 0 && (
        <Collapse
          size={phone ? 'middle' : 'small'}
          items={[
            { key: 'others', label: `Other actions (${String(others.length)})`, children: <ReadinessTable rows={others} /> },
          ]}
        />
      )}
    </Flex>
  );
}

import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Missing, PermitReadiness } from '@/lib/api/models';
import { actionLabel, ACTION_ORDER } from './actionCatalog';

interface ReadinessRow {
  action: string;
  allowed: boolean;
  missing: Missing[];
}

const REQUIREMENT_LABELS: Readonly<Record<keyof PermitReadiness['requires'], string>> = {
  gas_test: 'Gas test',
  isolation: 'Isolation (lockout/tagout)',
  toolbox_talk: 'Toolbox talk',
  closeout: 'Closeout checklist',
  deisolation: 'De-isolation before completion',
};

const columns: TableColumnsType<ReadinessRow> = [
  { title: 'Action', dataIndex: 'action', key: 'action', render: (action: string) => actionLabel(action) },
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

/** For the signed-in user: every action on the permit, whether it is possible now and what is missing. */
export function ReadinessPanel({ readiness }: { readiness: PermitReadiness }) {
  const rows: ReadinessRow[] = Object.entries(readiness.actions)
    .map(([action, state]) => ({ action, allowed: state.allowed, missing: state.missing }))
    .sort((a, b) => rank(a.action) - rank(b.action));
  const required = Object.entries(REQUIREMENT_LABELS)
    .filter(([key]) => readiness.requires[key as keyof PermitReadiness['requires']])
    .map(([, label]) => label);

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        {required.length === 0
          ? 'This permit type needs no gas test, isolation, toolbox talk or closeout.'
          : `This permit type requires: ${required.join(', ')}.`}
      </Typography.Paragraph>
      <Table<ReadinessRow>
        rowKey="action"
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: true }}
      />
    </Flex>
  );
}

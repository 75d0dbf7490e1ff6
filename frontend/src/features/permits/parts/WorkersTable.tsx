import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import type { Worker } from '@/lib/api/models';

export interface WorkersTableProps {
  workers: readonly Worker[];
  loading: boolean;
  timeZone: string;
}

function orDash(text: string | undefined): string {
  return text === undefined || text === '' ? '—' : text;
}

const METHODS = { drawn: 'drawn signature', typed: 'typed name' } as const;

/** A worker's sign-on for the talk: when, how and on whose device; an older acknowledgement as recorded. */
export function SignOnState({ worker, timeZone }: { worker: Worker; timeZone: string }) {
  const signOn = worker.sign_on;
  if (signOn !== null) {
    const device = signOn.device === '' ? '' : ` (${signOn.device})`;
    return (
      <>
        <Tag color="success">Signed on</Tag>
        <div>
          <Typography.Text type="secondary">
            <time dateTime={signOn.at}>{formatDateTime(signOn.at, timeZone)}</time>
            {`, ${METHODS[signOn.method]}, on ${signOn.taken_by.name}'s device${device}`}
          </Typography.Text>
        </div>
      </>
    );
  }
  if (worker.acknowledged_at != null)
    return (
      <>
        <Tag color="success">Acknowledged</Tag>
        <div>
          <Typography.Text type="secondary">
            <time dateTime={worker.acknowledged_at}>{formatDateTime(worker.acknowledged_at, timeZone)}</time>
            {worker.acknowledged_by !== null ? `, recorded by ${worker.acknowledged_by.name}` : ''}
          </Typography.Text>
        </div>
      </>
    );
  return <Tag>Waiting to sign on</Tag>;
}

/** The crew, each with their sign-on for the toolbox talk. */
export function WorkersTable({ workers, loading, timeZone }: WorkersTableProps) {
  const columns: TableColumnsType<Worker> = [
    { title: 'Name', dataIndex: 'name', key: 'name' },
    { title: 'Company', dataIndex: 'company', key: 'company' },
    { title: 'Trade', key: 'trade', render: (_value, worker) => orDash(worker.trade) },
    {
      title: 'Competency',
      key: 'competency',
      render: (_value, worker) => <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(worker.competency)}</span>,
    },
    {
      title: 'Toolbox talk',
      key: 'sign_on',
      render: (_value, worker) => <SignOnState worker={worker} timeZone={timeZone} />,
    },
  ];
  return (
    <Table<Worker>
      rowKey="id"
      size="small"
      aria-label="Workers"
      columns={columns}
      dataSource={[...workers]}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: 'No workers on this permit yet.' }}
    />
  );
}

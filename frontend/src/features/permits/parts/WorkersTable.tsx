import { Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import type { Worker } from '@/lib/api/models';

export interface WorkersTableProps {
  workers: readonly Worker[];
  loading: boolean;
  timeZone: string;
  /** Offer "Acknowledge" for workers who have not acknowledged the talk yet. */
  canAcknowledge: boolean;
  /** Whether the toolbox talk is recorded (there is something to acknowledge). */
  talkHeld: boolean;
  /** The worker whose acknowledgement is being recorded. */
  pendingId: number | null;
  onAcknowledge: (worker: Worker) => void;
}

function orDash(text: string | undefined): string {
  return text === undefined || text === '' ? '—' : text;
}

/** The crew, each with their acknowledgement of the toolbox talk. */
export function WorkersTable({
  workers,
  loading,
  timeZone,
  canAcknowledge,
  talkHeld,
  pendingId,
  onAcknowledge,
}: WorkersTableProps) {
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
      key: 'acknowledged',
      render: (_value, worker) => {
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
        if (!canAcknowledge) return <Tag>Not yet</Tag>;
        return (
          <Button
            size="small"
            disabled={!talkHeld}
            title={talkHeld ? undefined : 'Record the toolbox talk first.'}
            loading={pendingId === worker.id}
            aria-label={`Acknowledge: ${worker.name}`}
            onClick={() => {
              onAcknowledge(worker);
            }}
          >
            Acknowledge
          </Button>
        );
      },
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

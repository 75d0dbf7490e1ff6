import { Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import type { Handover } from '@/lib/api/models';

export interface HandoversTableProps {
  handovers: readonly Handover[];
  loading: boolean;
  timeZone: string;
  /** The signed-in user, offered "Acknowledge and take over" on a handover waiting for them; null offers nothing. */
  meId: number | null;
  /** The handover whose acknowledgement is being recorded. */
  pendingId: number | null;
  onAcknowledge: (handover: Handover) => void;
}

/** The permit's shift handovers: who handed it to whom, the notes, and the incoming person's acknowledgement. */
export function HandoversTable({ handovers, loading, timeZone, meId, pendingId, onAcknowledge }: HandoversTableProps) {
  const columns: TableColumnsType<Handover> = [
    {
      title: 'Handed over',
      key: 'people',
      render: (_value, handover) => (
        <>
          {handover.outgoing.name} <span aria-label="to">→</span> {handover.incoming.name}
        </>
      ),
    },
    {
      title: 'Notes',
      key: 'notes',
      render: (_value, handover) => <span style={{ whiteSpace: 'pre-wrap' }}>{handover.notes}</span>,
    },
    {
      title: 'Handed at',
      key: 'handed_at',
      render: (_value, handover) => <time dateTime={handover.handed_at}>{formatDateTime(handover.handed_at, timeZone)}</time>,
    },
    {
      title: 'Acknowledged',
      key: 'acknowledged',
      render: (_value, handover) => {
        if (handover.acknowledged_at !== null)
          return (
            <>
              <Tag color="success">Taken over</Tag>
              <div>
                <Typography.Text type="secondary">
                  <time dateTime={handover.acknowledged_at}>{formatDateTime(handover.acknowledged_at, timeZone)}</time>
                </Typography.Text>
              </div>
            </>
          );
        if (meId === null || handover.incoming.id !== meId)
          return <Tag color="gold">Waiting for {handover.incoming.name} to acknowledge</Tag>;
        return (
          <Popconfirm
            title="Take this permit over?"
            description="You become its performing authority (requester) for the rest of the work."
            okText="Take over"
            cancelText="Not now"
            onConfirm={() => {
              onAcknowledge(handover);
            }}
          >
            <Button type="primary" size="small" loading={pendingId === handover.id}>
              Acknowledge and take over
            </Button>
          </Popconfirm>
        );
      },
    },
  ];
  return (
    <Table<Handover>
      rowKey="id"
      size="small"
      aria-label="Handovers"
      columns={columns}
      dataSource={[...handovers]}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: 'The permit was not handed over yet.' }}
    />
  );
}

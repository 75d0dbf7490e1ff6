import { Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import type { ExtensionDecision } from '../api/timeframes';
import type { Extension } from '@/lib/api/models';
import { EXTENSION_STATUS } from './timeframes';

export interface ExtensionsTableProps {
  extensions: readonly Extension[];
  loading: boolean;
  timeZone: string;
  /** Offer the decisions the server lists on each extension (a viewer's membership reads only). */
  canDecide: boolean;
  onDecide: (extension: Extension, decision: ExtensionDecision) => void;
}

function When({ at, timeZone }: { at: string; timeZone: string }) {
  return <time dateTime={at}>{formatDateTime(at, timeZone)}</time>;
}

/** The permit's extensions: who asked, the end they move, why, and the issuer's decision. */
export function ExtensionsTable({ extensions, loading, timeZone, canDecide, onDecide }: ExtensionsTableProps) {
  const columns: TableColumnsType<Extension> = [
    {
      title: 'Asked',
      key: 'requested',
      render: (_value, extension) => (
        <>
          {extension.requested_by.name}
          <div>
            <Typography.Text type="secondary">
              <When at={extension.requested_at} timeZone={timeZone} />
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: `End (${timeZone})`,
      key: 'end',
      render: (_value, extension) => (
        <Flex vertical gap={4} align="start">
          <span>
            <When at={extension.previous_end} timeZone={timeZone} /> <span aria-label="to">→</span>{' '}
            <When at={extension.new_end} timeZone={timeZone} />
          </span>
          {extension.crosses_shift && <Tag color="orange">Crosses into another shift</Tag>}
        </Flex>
      ),
    },
    {
      title: 'Reason',
      key: 'reason',
      render: (_value, extension) => <span style={{ whiteSpace: 'pre-wrap' }}>{extension.reason}</span>,
    },
    {
      title: 'Status',
      key: 'status',
      render: (_value, extension) => {
        const status = EXTENSION_STATUS[extension.status];
        return <Tag color={status.color}>{status.label}</Tag>;
      },
    },
    {
      title: 'Decision',
      key: 'decision',
      render: (_value, extension) => {
        if (extension.decided_by === null || extension.decided_at === null) {
          const allowed = canDecide ? extension.allowed_actions : [];
          if (allowed.length === 0) return '—';
          return (
            <Flex wrap gap="small">
              {allowed.includes('approve') && (
              <Button
                size="small"
                type="primary"
                aria-label={`Approve the extension asked by ${extension.requested_by.name}`}
                onClick={() => {
                  onDecide(extension, 'approve');
                }}
              >
                Approve
              </Button>
              )}
              {allowed.includes('reject') && (
              <Button
                size="small"
                danger
                aria-label={`Reject the extension asked by ${extension.requested_by.name}`}
                onClick={() => {
                  onDecide(extension, 'reject');
                }}
              >
                Reject
              </Button>
              )}
            </Flex>
          );
        }
        return (
          <>
            {extension.decided_by.name}
            <div>
              <Typography.Text type="secondary">
                <When at={extension.decided_at} timeZone={timeZone} />
              </Typography.Text>
            </div>
            {extension.controls_reconfirmed && (
              <div>
                <Typography.Text type="secondary">Controls re-confirmed for the new shift</Typography.Text>
              </div>
            )}
            {extension.decision_reason !== '' && (
              <div style={{ whiteSpace: 'pre-wrap' }}>“{extension.decision_reason}”</div>
            )}
          </>
        );
      },
    },
  ];
  return (
    <Table<Extension>
      rowKey="id"
      size="small"
      aria-label="Extensions"
      columns={columns}
      dataSource={[...extensions]}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: 'No extension was asked for.' }}
    />
  );
}

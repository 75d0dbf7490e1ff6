import { Card, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { formatDateTime } from '@/lib/time/format';
import { useAdminHistory, type AdminChange, type AdminSubject } from './api';
import { showValue } from './values';

const PAGE_SIZE = 10;

const ACTION_LABELS: Record<string, string> = {
  update: 'Changed',
  add: 'Added',
  invite: 'Invited',
  deactivate: 'Deactivated',
  reactivate: 'Reactivated',
};

function Changes({ change }: { change: AdminChange }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {Object.entries(change.changes).map(([field, [before, after]]) => (
        <li key={field} style={{ wordBreak: 'break-word' }}>
          <Typography.Text strong>{field}</Typography.Text>: {showValue(before)} → {showValue(after)}
        </li>
      ))}
    </ul>
  );
}

export interface AdminHistoryProps {
  projectId: number;
  timeZone: string;
  subject: AdminSubject;
}

/** Who changed what on this administration screen, and when: the project's audit trail of one subject. */
export function AdminHistory({ projectId, timeZone, subject }: AdminHistoryProps) {
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useAdminHistory(projectId, subject, page, PAGE_SIZE);
  const columns: TableColumnsType<AdminChange> = [
    { title: 'When', key: 'at', render: (_, change) => formatDateTime(change.at, timeZone) },
    { title: 'Who', key: 'actor', render: (_, change) => change.actor.name },
    { title: 'What', key: 'action', render: (_, change) => ACTION_LABELS[change.action] ?? change.action },
    { title: 'Changes', key: 'changes', render: (_, change) => <Changes change={change} /> },
  ];
  return (
    <Card title="History" size="small">
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<AdminChange>
        rowKey="id"
        size="small"
        aria-label="History"
        columns={columns}
        dataSource={data?.results}
        loading={isFetching && data === undefined}
        locale={{ emptyText: 'No changes recorded yet.' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.count ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
      />
    </Card>
  );
}

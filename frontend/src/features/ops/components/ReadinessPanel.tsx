import { Alert, Card, Flex, Skeleton, Tag, type TableColumnsType } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useReadiness, type CheckStatus, type ReadinessCheck } from '../api/health';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { formatDateTime } from '@/lib/time/format';
import { useCurrentProject } from '@/lib/session';

const statusTags: Record<CheckStatus, { color: string; label: string }> = {
  ok: { color: 'success', label: 'OK' },
  warning: { color: 'warning', label: 'Warning' },
  critical: { color: 'error', label: 'Critical' },
};

const columns: TableColumnsType<ReadinessCheck> = [
  { title: 'Check', dataIndex: 'name', key: 'name' },
  {
    title: 'Status',
    dataIndex: 'status',
    key: 'status',
    render: (status: CheckStatus) => <Tag color={statusTags[status].color}>{statusTags[status].label}</Tag>,
  },
  { title: 'Message', dataIndex: 'message', key: 'message' },
];

/** The deployment's readiness as the server reports it, refreshed in the background. */
export function ReadinessPanel() {
  const { data, error, dataUpdatedAt } = useReadiness();
  const timeZone = useCurrentProject().project.time_zone;
  if (data === undefined) return error === null ? <Skeleton active /> : <ErrorAlert error={error} />;
  return (
    <Flex vertical gap="large">
      {error !== null && <ErrorAlert error={error} />}
      <Alert
        type={data.ready ? 'success' : 'error'}
        showIcon
        message={data.ready ? 'Ready' : 'Not ready'}
        description={`Version ${data.version}, checked at ${formatDateTime(new Date(dataUpdatedAt), timeZone)} (${timeZone})`}
      />
      <Card title="Checks">
        <ResponsiveTable<ReadinessCheck> rowKey="name" columns={columns} dataSource={data.checks} pagination={false} />
      </Card>
    </Flex>
  );
}

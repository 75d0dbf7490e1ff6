import { Card, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { PAGE_SIZES } from '@/lib/pagination';
import { formatDateTime } from '@/lib/time/format';
import { projectPath } from '@/lib/session';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import { PermitTypeTag } from '@/components/PermitTypeTag';
import { PermitCard } from '@/components/PermitCard';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { useExceptionPermits, type ExceptionPermit, type ReportException, type ReportRange } from './api';

function exceptionColumns(projectId: number, timeZone: string): TableColumnsType<ExceptionPermit> {
  return [
    {
      title: 'Number',
      key: 'permit_number',
      render: (_, permit) => (
        <Link to={projectPath(`/permits/${String(permit.id)}`, projectId)}>{permit.permit_number}</Link>
      ),
    },
    { title: 'Title', dataIndex: 'title', key: 'title', ellipsis: true },
    { title: 'Type', key: 'permit_type', render: (_, permit) => <PermitTypeTag type={permit.permit_type} /> },
    { title: 'Status', key: 'status', render: (_, permit) => <PermitStatusTag status={permit.status ?? ''} /> },
    {
      title: `Planned end (${timeZone})`,
      key: 'planned_end',
      render: (_, permit) => <time dateTime={permit.planned_end}>{formatDateTime(permit.planned_end, timeZone)}</time>,
    },
  ];
}

interface ExceptionPermitsProps {
  projectId: number;
  timeZone: string;
  range: ReportRange;
  exception: ReportException;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
}

/** The permits behind one exception count, a page at a time. */
export function ExceptionPermits(props: ExceptionPermitsProps) {
  const { projectId, timeZone, range, exception, page, pageSize, onPageChange } = props;
  const { data, error, isFetching } = useExceptionPermits(projectId, range, exception.kind, page, pageSize);
  const onChange = ({ current = 1, pageSize: nextSize = pageSize }: TablePaginationConfig) => {
    onPageChange(nextSize === pageSize ? current : 1, nextSize);
  };
  return (
    <Card size="small" title={`Permits: ${exception.label}`}>
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<ExceptionPermit>
        rowKey="id"
        size="middle"
        aria-label={`${exception.label} permits`}
        renderCard={(permit) => (
          <PermitCard permit={permit} projectId={projectId}>
            <Typography.Text type="secondary">
              Planned end <time dateTime={permit.planned_end}>{formatDateTime(permit.planned_end, timeZone)}</time>
            </Typography.Text>
          </PermitCard>
        )}
        columns={exceptionColumns(projectId, timeZone)}
        dataSource={data?.results}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No permits.' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.count ?? 0,
          pageSizeOptions: [...PAGE_SIZES],
          showSizeChanger: true,
          showTotal: (total) => `${String(total)} ${total === 1 ? 'permit' : 'permits'}`,
        }}
        onChange={onChange}
      />
    </Card>
  );
}

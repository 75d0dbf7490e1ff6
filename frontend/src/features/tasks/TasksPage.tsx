import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useUrlPagination } from '@/lib/useUrlPagination';
import { formatDateTime, formatDuration } from '@/lib/time/format';
import { useNow } from '@/lib/time/useNow';
import { projectPath, useCurrentProject, useMe } from '@/lib/session';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import { ListCard, ResponsiveTable } from '@/components/ResponsiveTable';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useTasks, type Task } from './api';

const KINDS: Readonly<Record<string, { label: string; color: string }>> = {
  verify: { label: 'Verify', color: 'blue' },
  approve: { label: 'Approve', color: 'geekblue' },
  resubmit: { label: 'Fix and resubmit', color: 'red' },
};

/** Permits waiting for the caller's verification or approval, or rejected back to them to fix, newest first, in every project. */
export function TasksPage() {
  const { memberships } = useMe();
  const { project: current } = useCurrentProject();
  const now = useNow();
  const { page, pageSize, onChange, pagination } = useUrlPagination();
  const { data, error, isFetching } = useTasks(page, pageSize);

  const projectOf = (id: number) => memberships.find((membership) => membership.project.id === id)?.project ?? current;

  /** The task's kind, and the reason it came back (a rejected permit to fix and resubmit). */
  const kindTag = (task: Task) => {
    const kind = KINDS[task.kind] ?? { label: task.kind, color: 'default' };
    return (
      <>
        <Tag color={kind.color}>{kind.label}</Tag>
        {task.reason !== undefined && task.reason !== '' && (
          <div>
            <Typography.Text type="secondary">Reason: {task.reason}</Typography.Text>
          </div>
        )}
      </>
    );
  };
  const assigned = (task: Task) =>
    task.pool === true ? (
      <Tooltip title="Everyone in the pool has this task; the first to act takes it.">
        <span>To the pool</span>
      </Tooltip>
    ) : (
      'To you by name'
    );
  const waitingSince = (task: Task) => (
    <>
      <div>{formatDateTime(task.created_at, projectOf(task.permit.project).time_zone)}</div>
      <Typography.Text type="secondary">
        waiting {formatDuration(now.getTime() - new Date(task.created_at).getTime())}
      </Typography.Text>
    </>
  );

  const columns: TableColumnsType<Task> = [
    { title: 'Task', key: 'kind', render: (_, task) => kindTag(task) },
    {
      title: 'Permit',
      key: 'permit',
      render: (_, { permit }) => (
        <Link to={projectPath(`/permits/${String(permit.id)}`, permit.project)}>{permit.permit_number}</Link>
      ),
    },
    { title: 'Title', key: 'title', render: (_, { permit }) => permit.title },
    { title: 'Status', key: 'status', render: (_, { permit }) => <PermitStatusTag status={permit.status ?? ''} /> },
    ...(memberships.length > 1
      ? [{ title: 'Project', key: 'project', render: (_: unknown, { permit }: Task) => projectOf(permit.project).name }]
      : []),
    { title: 'Assigned', key: 'pool', render: (_, task) => assigned(task) },
    { title: 'Waiting since', key: 'created_at', render: (_, task) => waitingSince(task) },
  ];

  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<Task>
        aria-label="Waiting for me"
        renderCard={(task) => (
          <ListCard
            heading={
              <Link to={projectPath(`/permits/${String(task.permit.id)}`, task.permit.project)} style={TAP_TARGET_STYLE}>
                {task.permit.permit_number}
              </Link>
            }
            actions={kindTag(task)}
            title={task.permit.title}
            tags={<PermitStatusTag status={task.permit.status ?? ''} />}
          >
            {memberships.length > 1 && <div>{projectOf(task.permit.project).name}</div>}
            <div>{assigned(task)}</div>
            {waitingSince(task)}
          </ListCard>
        )}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.results}
        loading={isFetching && data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'Nothing is waiting for you.' }}
        pagination={pagination(data?.count ?? 0, (total) => `${String(total)} waiting`)}
        onChange={onChange}
      />
    </>
  );
}

import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useUrlPagination } from '@/lib/useUrlPagination';
import { formatDateTime } from '@/lib/time/format';
import { projectPath, useCurrentProject } from '@/lib/session';
import type { Person, RegisterIsolation } from '@/lib/api/models';
import { capitalise } from '@/lib/permits/riskLevel';
import { isolationState, lockNumbers } from '@/lib/permits/isolation';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import { ListCard, ResponsiveTable } from '@/components/ResponsiveTable';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useIsolationRegister } from './api';

function byline(person: Person | null | undefined, at: string | null | undefined, timeZone: string): ReactNode {
  if (person == null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <>
      <div>{person.name}</div>
      {at != null && (
        <Typography.Text type="secondary">
          <time dateTime={at}>{formatDateTime(at, timeZone)}</time>
        </Typography.Text>
      )}
    </>
  );
}

/** /isolations — every live isolation (applied or verified) of the current project, with its locks and permit. */
export function IsolationRegisterPage() {
  const { project } = useCurrentProject();
  const { page, pageSize, onChange, pagination } = useUrlPagination();
  const { data, error, isFetching } = useIsolationRegister(project.id, page, pageSize);
  const timeZone = project.time_zone;

  const permitLink = ({ permit }: RegisterIsolation, style?: CSSProperties) => (
    <Link to={projectPath(`/permits/${String(permit.id)}`, project.id)} style={style}>
      {permit.permit_number}
    </Link>
  );
  const statusTag = (isolation: RegisterIsolation) => {
    const state = isolationState(isolation.status);
    return <Tag color={state.color}>{state.label}</Tag>;
  };
  const locks = (isolation: RegisterIsolation) => (
    <Flex wrap gap={4}>
      {lockNumbers(isolation).map((lock) => (
        <Tag key={lock}>{lock}</Tag>
      ))}
    </Flex>
  );

  const columns: TableColumnsType<RegisterIsolation> = [
    {
      title: 'Point',
      key: 'point',
      render: (_, isolation) => (
        <>
          <div>{isolation.point !== null ? <Tag>{isolation.point.code}</Tag> : <Tag>ad hoc</Tag>}</div>
          {isolation.name}
        </>
      ),
    },
    { title: 'Energy', key: 'energy_type', render: (_, isolation) => capitalise(isolation.energy_type) },
    {
      title: 'Locks',
      key: 'locks',
      render: (_, isolation) => locks(isolation),
    },
    {
      title: 'Status',
      key: 'status',
      render: (_, isolation) => statusTag(isolation),
    },
    {
      title: 'Applied by',
      key: 'isolated_by',
      render: (_, isolation) => byline(isolation.isolated_by, isolation.isolated_at, timeZone),
    },
    {
      title: 'Verified by',
      key: 'verified_by',
      render: (_, isolation) => byline(isolation.verified_by, isolation.verified_at, timeZone),
    },
    {
      title: 'Permit',
      key: 'permit',
      render: (_, isolation) => (
        <>
          {permitLink(isolation)}
          <div>{isolation.permit.title}</div>
          <PermitStatusTag status={isolation.permit.status} />
        </>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        Every isolation applied or verified on {project.name}’s permits now: the points under lock and the locks on them.
      </Typography.Paragraph>
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<RegisterIsolation>
        renderCard={(isolation) => (
          <ListCard
            heading={
              <>
                {isolation.point !== null ? <Tag>{isolation.point.code}</Tag> : <Tag>ad hoc</Tag>} {isolation.name}
              </>
            }
            tags={
              <>
                {statusTag(isolation)}
                <Tag>{capitalise(isolation.energy_type)}</Tag>
              </>
            }
          >
            {locks(isolation)}
            <div>Applied by {byline(isolation.isolated_by, isolation.isolated_at, timeZone)}</div>
            <div>Verified by {byline(isolation.verified_by, isolation.verified_at, timeZone)}</div>
            <Flex wrap gap="small" align="center">
              {permitLink(isolation, TAP_TARGET_STYLE)}
              <PermitStatusTag status={isolation.permit.status} />
            </Flex>
            <div style={{ overflowWrap: 'anywhere' }}>{isolation.permit.title}</div>
          </ListCard>
        )}
        rowKey="id"
        size="middle"
        aria-label="Live isolations"
        columns={columns}
        dataSource={data?.results}
        loading={isFetching && data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No live isolations on this project.' }}
        pagination={pagination(data?.count ?? 0, (total) => `${String(total)} live`)}
        onChange={onChange}
      />
    </Flex>
  );
}

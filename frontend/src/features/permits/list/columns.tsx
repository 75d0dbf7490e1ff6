import type { TableColumnsType } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router-dom';
import { projectPath } from '@/lib/session';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import { PermitTypeTag } from '@/components/PermitTypeTag';
import type { PermitListItem } from './api';
import type { Ordering, OrderingField } from './listQuery';
import { PlannedWindow } from './PlannedWindow';

interface ColumnContext {
  projectId: number;
  timeZone: string;
  now: Date;
  ordering: Ordering | null;
}

/** Their widths add up to TABLE_WIDTH, which fits a 1366 px screen beside the open sidebar. */
export const TABLE_WIDTH = 1090;

/** The permit list's columns; sortable ones carry their API ordering field as the column key. */
export function permitColumns({ projectId, timeZone, now, ordering }: ColumnContext): TableColumnsType<PermitListItem> {
  const sortOrder = (field: OrderingField): SortOrder => {
    if (ordering?.field !== field) return null;
    return ordering.descending ? 'descend' : 'ascend';
  };
  const sorted = (field: OrderingField) => ({ key: field, sorter: true, sortOrder: sortOrder(field) });
  return [
    {
      title: 'Number',
      ...sorted('permit_number'),
      fixed: 'left',
      width: 160,
      render: (_, permit) => (
        <Link to={projectPath(`/permits/${String(permit.id)}`, projectId)}>{permit.permit_number}</Link>
      ),
    },
    { title: 'Title', dataIndex: 'title', ...sorted('title'), width: 180, ellipsis: true },
    {
      title: 'Type',
      key: 'permit_type',
      width: 160,
      render: (_, permit) => <PermitTypeTag type={permit.permit_type} />,
    },
    { title: 'Location', dataIndex: 'location', key: 'location', width: 150, ellipsis: true },
    {
      title: 'Status',
      ...sorted('status'),
      width: 100,
      render: (_, permit) => <PermitStatusTag status={permit.status ?? ''} />,
    },
    {
      title: `Planned window (${timeZone})`,
      ...sorted('planned_start'),
      width: 210,
      render: (_, permit) => <PlannedWindow permit={permit} timeZone={timeZone} now={now} />,
    },
    { title: 'Requester', key: 'requester', width: 130, render: (_, permit) => permit.requester.name },
  ];
}

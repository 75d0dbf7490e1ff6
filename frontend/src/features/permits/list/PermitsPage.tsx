import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Input, Select, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { FileDownloads } from '@/components/FileDownloads';
import { PermitCard } from '@/components/PermitCard';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { PAGE_SIZES } from '@/lib/pagination';
import { useNow } from '@/lib/time/useNow';
import { PROJECT_PARAM, projectPath, useCurrentProject } from '@/lib/session';
import { usePermitTypes } from '../api/permitTypes';
import { AreaSuspendControl } from '../area/AreaSuspendControl';
import { permitExportUrl, usePermitList, type PermitListItem } from './api';
import { permitColumns, TABLE_WIDTH } from './columns';
import {
  filterCount,
  hasFilters,
  listQueryParams,
  ORDERING_FIELDS,
  orderingParam,
  parseListQuery,
  parseOrdering,
  type OrderingField,
  type PermitListFilters,
  type PermitListQuery,
} from './listQuery';
import { PermitFilters } from './PermitFilters';
import { PlannedWindow } from './PlannedWindow';

/** A count with thousands separators ("10,000"). */
const THOUSANDS = new Intl.NumberFormat('en-GB');

/** What the list is sorted by when the address names no order (the API's default). */
export const DEFAULT_ORDER_TEXT = 'Newest planned start first';

const ORDERING_LABELS: Readonly<Record<OrderingField, string>> = {
  permit_number: 'Number',
  title: 'Title',
  status: 'Status',
  risk_score: 'Risk score',
  planned_start: 'Planned start',
  planned_end: 'Planned end',
  created_at: 'Created',
};

const orderingOptions = ORDERING_FIELDS.flatMap((field) => [
  { value: field, label: `${ORDERING_LABELS[field]}, ascending` },
  { value: `-${field}`, label: `${ORDERING_LABELS[field]}, descending` },
]);

/** The project's permits: filters, sort and page live in the address, so any view can be shared and reloaded. */
export function PermitsPage() {
  const { project, can } = useCurrentProject();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const now = useNow();
  const query = parseListQuery(searchParams);
  const { data, error, isFetching } = usePermitList(project.id, query);
  const { data: types = [] } = usePermitTypes(project.id);

  const show = (next: PermitListQuery) => {
    const params = new URLSearchParams();
    const projectParam = searchParams.get(PROJECT_PARAM);
    if (projectParam !== null) params.set(PROJECT_PARAM, projectParam);
    for (const [name, value] of listQueryParams(next)) params.append(name, value);
    setSearchParams(params);
  };
  const filter = (filters: PermitListFilters) => {
    show({ ...query, ...filters, page: 1 });
  };
  const onTableChange: TableProps<PermitListItem>['onChange'] = (pagination, _filters, sorter, { action }) => {
    if (action === 'sort' && !Array.isArray(sorter)) {
      const field = ORDERING_FIELDS.find((name) => name === sorter.columnKey);
      const ordering = field === undefined || !sorter.order ? null : { field, descending: sorter.order === 'descend' };
      show({ ...query, ordering, page: 1 });
    } else if (action === 'paginate') {
      const pageSize = pagination.pageSize ?? query.pageSize;
      show({ ...query, pageSize, page: pageSize === query.pageSize ? (pagination.current ?? 1) : 1 });
    }
  };
  const newPermitPath = projectPath('/permits/new', project.id);
  const phone = useIsPhone();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersSet = filterCount(query);
  const filters = (
    <PermitFilters filters={query} types={types} onChange={filter} stacked={phone} />
  );

  return (
    <Flex vertical gap="middle">
      <Flex wrap gap="small" justify="space-between">
        <Flex wrap gap="small" role="search" aria-label="Find permits" style={{ flex: '1 1 auto' }}>
          <Input.Search
            key={query.search}
            aria-label="Search permits"
            placeholder="Number, title, location, description"
            defaultValue={query.search}
            allowClear
            onSearch={(search) => {
              filter({ ...query, search: search.trim() });
            }}
            style={phone ? { width: '100%' } : { flex: '0 1 360px', minWidth: 220 }}
          />
          <Select
            aria-label="Sort by"
            placeholder="Sort by"
            value={query.ordering === null ? undefined : orderingParam(query.ordering)}
            options={orderingOptions}
            allowClear
            popupMatchSelectWidth={false}
            onChange={(value: string | undefined) => {
              show({ ...query, ordering: value === undefined ? null : parseOrdering(value), page: 1 });
            }}
            style={phone ? { flex: '1 1 160px', minWidth: 0 } : { width: 210 }}
          />
          {phone && (
            <Button
              icon={<FilterOutlined aria-hidden />}
              onClick={() => {
                setFiltersOpen(true);
              }}
            >
              Filters ({filtersSet})
            </Button>
          )}
          {query.ordering === null && (
            <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
              {DEFAULT_ORDER_TEXT}
            </Typography.Text>
          )}
        </Flex>
        <Flex wrap gap="small">
          <FileDownloads verb="Export" href={(format) => permitExportUrl(project.id, query, format)} />
          {(can('approve') || can('admin')) && <AreaSuspendControl project={project} />}
          {can('request') && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              href={newPermitPath}
              onClick={(event) => {
                event.preventDefault();
                void navigate(newPermitPath);
              }}
            >
              New permit
            </Button>
          )}
        </Flex>
      </Flex>
      {phone ? (
        <Drawer
          title="Filters"
          placement="bottom"
          height="85%"
          open={filtersOpen}
          onClose={() => {
            setFiltersOpen(false);
          }}
          footer={
            <Button
              type="primary"
              block
              onClick={() => {
                setFiltersOpen(false);
              }}
            >
              Show permits
            </Button>
          }
        >
          {filters}
        </Drawer>
      ) : (
        filters
      )}
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<PermitListItem>
        aria-label="Permits"
        renderCard={(permit) => (
          <PermitCard permit={permit} projectId={project.id}>
            <Typography.Text type="secondary">{permit.location}</Typography.Text>
            <PlannedWindow permit={permit} timeZone={project.time_zone} now={now} />
          </PermitCard>
        )}
        rowKey="id"
        size="middle"
        columns={permitColumns({ projectId: project.id, timeZone: project.time_zone, now, ordering: query.ordering })}
        dataSource={data?.results}
        loading={isFetching}
        scroll={{ x: TABLE_WIDTH }}
        locale={{ emptyText: hasFilters(query) ? 'No permits match these filters.' : 'No permits in this project yet.' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: data?.count ?? 0,
          pageSizeOptions: [...PAGE_SIZES],
          showSizeChanger: true,
          // Beyond the API's count bound the count is a lower bound, and only its pages can be asked for.
          showTotal: (total) =>
            data?.count_exact === false
              ? `${THOUSANDS.format(total)}+ permits`
              : `${String(total)} ${total === 1 ? 'permit' : 'permits'}`,
        }}
        onChange={onTableChange}
      />
    </Flex>
  );
}

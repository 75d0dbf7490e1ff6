import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, type TableProps } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { FileDownloads } from '@/components/FileDownloads';
import { PAGE_SIZES } from '@/lib/pagination';
import { useNow } from '@/lib/time/useNow';
import { PROJECT_PARAM, projectPath, useCurrentProject } from '@/lib/session';
import { usePermitTypes } from '../api/permitTypes';
import { permitExportUrl, usePermitList, type PermitListItem } from './api';
import { permitColumns, TABLE_WIDTH } from './columns';
import {
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
            style={{ flex: '0 1 360px', minWidth: 220 }}
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
            style={{ width: 210 }}
          />
        </Flex>
        <Flex wrap gap="small">
          <FileDownloads verb="Export" href={(format) => permitExportUrl(project.id, query, format)} />
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
      <PermitFilters filters={query} types={types} onChange={filter} />
      {error !== null && <ErrorAlert error={error} />}
      <Table<PermitListItem>
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
          showTotal: (total) => `${String(total)} ${total === 1 ? 'permit' : 'permits'}`,
        }}
        onChange={onTableChange}
      />
    </Flex>
  );
}

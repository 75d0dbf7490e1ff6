import { Card, Collapse, Flex, List, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import { useIsPhone } from '@/lib/layout/useIsPhone';

export interface ResponsiveTableProps<Row> extends TableProps<Row> {
  /** A row as a card's content on a phone (see ListCard); without it, each column's title and value in turn. */
  renderCard?: (row: Row) => ReactNode;
  /** Shown above the cards on a phone, e.g. the order they are in. */
  cardsHeader?: ReactNode;
  /** Names the table, or the region of cards. */
  'aria-label'?: string;
}

function keyOf<Row>(row: Row, rowKey: TableProps<Row>['rowKey'], index: number): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  const value: unknown = rowKey === undefined ? undefined : (row as Record<string, unknown>)[rowKey as string];
  return typeof value === 'string' || typeof value === 'number' ? value : index;
}

function cellValue<Row>(column: TableColumnsType<Row>[number], row: Row, index: number): ReactNode {
  const dataIndex = 'dataIndex' in column ? column.dataIndex : undefined;
  const value: unknown = typeof dataIndex === 'string' ? (row as Record<string, unknown>)[dataIndex] : undefined;
  if (column.render !== undefined) {
    // A cell may come as { children, props } (row spans): the card needs its content only.
    const rendered: unknown = column.render(value, row, index);
    if (rendered !== null && typeof rendered === 'object' && 'props' in rendered && 'children' in rendered) {
      return rendered.children as ReactNode;
    }
    return rendered as ReactNode;
  }
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/** A row as its columns' titles and values, one under the other: the card of a list with no card of its own. */
function ColumnsCard<Row>({ row, index, columns }: { row: Row; index: number; columns: TableColumnsType<Row> }) {
  return (
    <Flex vertical gap={8}>
      {columns.map((column, position) => {
        const title = typeof column.title === 'function' ? null : column.title;
        return (
          <div key={column.key ?? position}>
            {title !== undefined && title !== null && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {title}
              </Typography.Text>
            )}
            <div style={{ overflowWrap: 'anywhere' }}>{cellValue(column, row, index)}</div>
          </div>
        );
      })}
    </Flex>
  );
}

/**
 * A list as a table on tablets and desktops and as cards on a phone, from the same rows, loading state,
 * empty text and pagination: a page turned among the cards calls the table's onChange as a paginate.
 */
export function ResponsiveTable<Row extends object>({ renderCard, cardsHeader, ...table }: ResponsiveTableProps<Row>) {
  const phone = useIsPhone();
  if (!phone) return <Table<Row> {...table} />;

  const { dataSource = [], pagination, onChange, loading, locale, rowKey, columns = [], expandable } = table;
  const details = expandable?.expandedRowRender;
  const label = table['aria-label'];
  const emptyText = locale?.emptyText;
  const paginate = (current: number, pageSize: number) => {
    onChange?.({ current, pageSize }, {}, [], { action: 'paginate', currentDataSource: [...dataSource] });
  };
  return (
    <Flex vertical gap="small" role="region" aria-label={label}>
      {cardsHeader}
      <List<Row>
        dataSource={[...dataSource]}
        loading={typeof loading === 'boolean' ? loading : undefined}
        locale={{ emptyText: typeof emptyText === 'function' ? emptyText() : emptyText }}
        rowKey={(row) => keyOf(row, rowKey, dataSource.indexOf(row))}
        split={false}
        renderItem={(row, index) => (
          <List.Item style={{ paddingBlock: 6 }}>
            <Card size="small" style={{ width: '100%' }}>
              {renderCard === undefined ? <ColumnsCard row={row} index={index} columns={columns} /> : renderCard(row)}
              {details !== undefined && (
                <Collapse
                  ghost
                  items={[{ key: 'details', label: 'Details', children: details(row, index, 0, true) }]}
                />
              )}
            </Card>
          </List.Item>
        )}
        pagination={
          pagination === false || pagination === undefined
            ? false
            : {
                ...pagination,
                position: 'bottom',
                align: 'center',
                simple: true,
                showSizeChanger: false,
                onChange: paginate,
              }
        }
      />
    </Flex>
  );
}

interface ListCardProps {
  /** What the card is, usually a link to it (kept at least 44 px tall to tap). */
  heading: ReactNode;
  /** Its name in full, wrapping. */
  title?: ReactNode;
  /** Type, status and other tags. */
  tags?: ReactNode;
  /** Further lines: time left, waiting since, who. */
  children?: ReactNode;
  /** What the user can do with it, or what waits for them. */
  actions?: ReactNode;
}

/** The one shape of a list card: heading, title, tags, detail lines, actions. */
export function ListCard({ heading, title, tags, children, actions }: ListCardProps) {
  return (
    <Flex vertical gap={4}>
      <Flex align="center" justify="space-between" wrap gap="small" style={{ minHeight: 44 }}>
        <Typography.Text strong>{heading}</Typography.Text>
        {actions}
      </Flex>
      {title !== undefined && <div style={{ overflowWrap: 'anywhere' }}>{title}</div>}
      {tags !== undefined && (
        <Flex wrap gap={4}>
          {tags}
        </Flex>
      )}
      {children}
    </Flex>
  );
}

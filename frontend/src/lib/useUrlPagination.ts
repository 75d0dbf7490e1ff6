import type { TablePaginationConfig } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PAGE_SIZES, parsePage, parsePageSize } from './pagination';

/**
 * A table's page and page size kept in the address (`?page=&page_size=`, as the API takes them): the values,
 * the table's pagination settings for `total` rows, and its change handler (a new size goes back to page 1).
 */
export function useUrlPagination() {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = parsePage(searchParams.get('page'));
  const pageSize = parsePageSize(searchParams.get('page_size'));

  const onChange = ({ current: nextPage = 1, pageSize: nextSize = pageSize }: TablePaginationConfig) => {
    const params = new URLSearchParams(searchParams);
    params.set('page', String(nextSize === pageSize ? nextPage : 1));
    params.set('page_size', String(nextSize));
    setSearchParams(params);
  };

  const pagination = (total: number, describe: (total: number) => string): TablePaginationConfig => ({
    current: page,
    pageSize,
    total,
    pageSizeOptions: [...PAGE_SIZES],
    showSizeChanger: true,
    showTotal: describe,
  });

  return { page, pageSize, onChange, pagination };
}

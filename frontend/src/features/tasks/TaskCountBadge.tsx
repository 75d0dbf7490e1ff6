import { Badge } from 'antd';
import { useTaskCount } from './api';

/** The number of tasks waiting for the caller, beside the "Waiting for me" menu item. */
export function TaskCountBadge() {
  const { data: count } = useTaskCount();
  if (count === undefined || count === 0) return null;
  return (
    <Badge
      count={count}
      overflowCount={99}
      title={`${String(count)} waiting`}
      aria-label={`${String(count)} waiting`}
      style={{ marginInlineStart: 8, boxShadow: 'none' }}
    />
  );
}

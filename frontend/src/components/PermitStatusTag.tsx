import { Tag, Tooltip } from 'antd';
import { statusInfo } from '@/lib/permits/status';

/** A permit status as the one status dictionary names and colours it. */
export function PermitStatusTag({ status }: { status: string }) {
  const info = statusInfo(status);
  return (
    <Tooltip title={info.description}>
      <Tag color={info.color}>{info.label}</Tag>
    </Tooltip>
  );
}

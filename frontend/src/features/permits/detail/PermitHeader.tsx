import { Flex, Tag, Typography } from 'antd';
import { formatRange } from '@/lib/time/format';
import type { Permit } from '@/lib/api/models';
import { statusInfo } from '@/lib/permits/status';
import { Countdown } from './Countdown';
import { RejectionNotice } from './RejectionNotice';
import { RiskTag } from '@/components/RiskTag';
import { useIsPhone } from '@/lib/layout/useIsPhone';

/** Where the work is: the node's path in the site tree, then the free-text detail. */
function PermitPlace({ permit }: { permit: Permit }) {
  const place = [permit.location_node?.path, permit.location].filter((part) => part !== undefined && part !== '');
  if (place.length === 0) return null;
  return <Typography.Text style={{ overflowWrap: 'anywhere' }}>Location: {place.join(' — ')}</Typography.Text>;
}

/** Number, title, type, status, risk, the location (tree path and detail), the planned window with a live countdown to its end, and why it was rejected. */
export function PermitHeader({ permit, timeZone }: { permit: Permit; timeZone: string }) {
  const status = permit.status === undefined ? undefined : statusInfo(permit.status);
  const phone = useIsPhone();
  return (
    <Flex vertical gap={4}>
      {/* The page's one h1, sized like a section title (smaller still on a phone). */}
      <Typography.Title level={1} style={{ margin: 0, overflowWrap: 'anywhere', fontSize: phone ? 20 : 30 }}>
        {permit.permit_number} · {permit.title}
      </Typography.Title>
      <Flex wrap gap="small" align="center">
        <Tag color={permit.permit_type.color}>{permit.permit_type.name}</Tag>
        {status !== undefined && (
          <Tag color={status.color} title={status.description}>
            {status.label}
          </Tag>
        )}
        <RiskTag level={permit.risk_level} score={permit.risk_score} />
      </Flex>
      <PermitPlace permit={permit} />
      <Flex wrap gap="middle">
        <Typography.Text>
          Planned: {formatRange(permit.planned_start, permit.planned_end, timeZone)} ({timeZone})
        </Typography.Text>
        {status?.terminal !== true && <Countdown deadline={permit.planned_end} />}
      </Flex>
      <RejectionNotice permit={permit} timeZone={timeZone} />
    </Flex>
  );
}

import { Flex, Tag, Typography } from 'antd';
import { formatRange } from '@/lib/time/format';
import type { Permit } from '@/lib/api/models';
import { statusInfo } from '@/lib/permits/status';
import { Countdown } from './Countdown';
import { RejectionNotice } from './RejectionNotice';
import { RiskTag } from '@/components/RiskTag';
import { useIsPhone } from '@/lib/layout/useIsPhone';

/** Number, title, type, status, risk, the planned window with a live countdown to its end, and why it was rejected. */
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

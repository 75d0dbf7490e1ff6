import { Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import { projectPath } from '@/lib/session/currentProject';
import { formatDateTime, formatRange } from '@/lib/time/format';
import type { Conflict, ConflictEffect } from './types';

/** How each effect is shown: a block refuses the act (red), a warn must be acknowledged by the issuer (orange). */
export const EFFECTS: Readonly<Record<ConflictEffect, { label: string; color: string; explanation: string }>> = {
  block: { label: 'Blocks', color: 'red', explanation: 'cannot be live at the same time' },
  warn: { label: 'Warning', color: 'orange', explanation: 'the issuer must acknowledge it when approving' },
};

interface ConflictListProps {
  conflicts: readonly Conflict[];
  projectId: number;
  timeZone: string;
}

/** Block conflicts first, then warnings; each with the other permit (a link), its status, window and the reason. */
export function ConflictList({ conflicts, projectId, timeZone }: ConflictListProps) {
  const ordered = [...conflicts].sort((a, b) => (a.effect === b.effect ? 0 : a.effect === 'block' ? -1 : 1));
  return (
    <List
      size="small"
      dataSource={ordered}
      rowKey={(conflict) => `${String(conflict.other.id)}-${conflict.kind}`}
      renderItem={(conflict) => {
        const effect = EFFECTS[conflict.effect];
        const { other } = conflict;
        return (
          <List.Item>
            <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }} data-effect={conflict.effect}>
              <Flex wrap gap="small" align="center">
                <Tag color={effect.color} title={effect.explanation}>
                  {effect.label}
                </Tag>
                <Link to={projectPath(`/permits/${String(other.id)}`, projectId)}>{other.permit_number}</Link>
                <span style={{ overflowWrap: 'anywhere' }}>{other.title}</span>
                <PermitStatusTag status={other.status} />
              </Flex>
              <Typography.Text>{conflict.reason}</Typography.Text>
              <Typography.Text type="secondary">
                {other.permit_type.name}
                {other.location_node === null ? '' : ` · ${other.location_node.path}`} ·{' '}
                {formatRange(other.planned_start, other.planned_end, timeZone)}
              </Typography.Text>
              {conflict.acknowledged !== null && (
                <Typography.Text type="secondary">
                  Acknowledged by {conflict.acknowledged.by.name} on {formatDateTime(conflict.acknowledged.at, timeZone)}
                  {conflict.acknowledged.comment === '' ? '' : `: “${conflict.acknowledged.comment}”`}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        );
      }}
    />
  );
}

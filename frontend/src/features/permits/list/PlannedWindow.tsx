import { Typography } from 'antd';
import { Fragment } from 'react';
import { formatRange, relativeDeadline } from '@/lib/time/format';
import { statusInfo } from '@/lib/permits/status';
import type { PermitListItem } from './api';

interface PlannedWindowProps {
  permit: PermitListItem;
  timeZone: string;
  now: Date;
}

/** Planned start–end in the project time zone; for a permit still open, the time left or how long it is overdue. */
export function PlannedWindow({ permit, timeZone, now }: PlannedWindowProps) {
  const open = !statusInfo(permit.status ?? '').terminal;
  const deadline = relativeDeadline(permit.planned_end, now);
  return (
    <>
      <div>
        {formatRange(permit.planned_start, permit.planned_end, timeZone)
          .split(' – ')
          .map((end, index) => (
            <Fragment key={end}>
              {index > 0 && ' – '}
              <span style={{ whiteSpace: 'nowrap' }}>{end}</span>
            </Fragment>
          ))}
      </div>
      {open &&
        (deadline.overdue ? (
          <Typography.Text type="danger">{deadline.text}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">ends {deadline.text}</Typography.Text>
        ))}
    </>
  );
}

import { Typography } from 'antd';
import { relativeDeadline } from '@/lib/time/format';
import { useNow } from '@/lib/time/useNow';

/** Time left to `deadline`, updated live; red once it has passed. */
export function Countdown({ deadline }: { deadline: string }) {
  const { overdue, text } = relativeDeadline(deadline, useNow(30_000));
  return (
    <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue} role="timer">
      {overdue ? `Planned end passed: ${text}` : `Ends ${text}`}
    </Typography.Text>
  );
}

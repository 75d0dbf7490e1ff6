import { Alert } from 'antd';
import type { Permit } from '@/lib/api/models';
import { formatDateTime } from '@/lib/time/format';

/** While a permit is rejected: who sent it back, when, and what to fix before resubmitting. */
export function RejectionNotice({ permit, timeZone }: { permit: Permit; timeZone: string }) {
  const rejection = permit.rejection;
  if (rejection === null) return null;
  const by = rejection.by?.name ?? 'Someone';
  return (
    <Alert
      type="error"
      showIcon
      message={`Rejected by ${by} on ${formatDateTime(rejection.at, timeZone)}`}
      description={
        <>
          <div>Reason: {rejection.reason}</div>
          <div>Fix what the reason asks for, then resubmit the permit.</div>
        </>
      }
    />
  );
}

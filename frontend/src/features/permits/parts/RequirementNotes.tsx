import { Alert } from 'antd';
import type { PermitReadiness } from '@/lib/api/models';
import { pendingRequirements } from './access';

/** The readiness items of one part of the permit that still stop its next actions. */
export function RequirementNotes({ readiness, codes }: { readiness: PermitReadiness | undefined; codes: readonly string[] }) {
  const pending = pendingRequirements(readiness, codes);
  if (pending.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="note"
      message="Still open for the permit’s next actions"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {pending.map((item) => (
            <li key={item.message}>{item.message}</li>
          ))}
        </ul>
      }
    />
  );
}

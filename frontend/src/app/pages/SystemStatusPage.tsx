import { Typography } from 'antd';
import { ReadinessPanel } from '@/features/ops/components/ReadinessPanel';

/** Administration: is this deployment ready to serve, and if not, why. */
export function SystemStatusPage() {
  return (
    <>
      <Typography.Paragraph type="secondary">
        Database, migrations, UI build, background workers and webhook backlog, as the server checks them. Refreshed
        every 30 seconds.
      </Typography.Paragraph>
      <ReadinessPanel />
    </>
  );
}

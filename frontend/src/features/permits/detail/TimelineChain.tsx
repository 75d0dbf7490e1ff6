import { Alert, Typography } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import type { ChainBreakReason, ChainVerification } from '@/lib/api/models';

/** Why the chain breaks at an event, as the server names it. */
const BREAK_REASONS: Readonly<Record<ChainBreakReason, string>> = {
  changed: 'this event was changed after it was recorded',
  missing: 'an event before this one is missing',
  reordered: 'this event is out of order',
};

/** One line above the timeline: the server's verification of its hash chain, or where and why it breaks. */
export function TimelineChain({
  chain,
  failed,
  timeZone,
}: {
  chain: ChainVerification | undefined;
  failed: boolean;
  timeZone: string;
}) {
  if (failed) return <Typography.Text type="secondary">The chain could not be verified just now.</Typography.Text>;
  if (chain === undefined) return <Typography.Text type="secondary">Verifying the chain…</Typography.Text>;
  const checked = <time dateTime={chain.checked_at}>{formatDateTime(chain.checked_at, timeZone)}</time>;
  if (chain.broken_at === null) {
    return (
      <Alert
        type="success"
        showIcon
        message={
          <>
            Chain verified — {chain.events} {chain.events === 1 ? 'event' : 'events'}, checked {checked}
          </>
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      message={`Chain broken at event #${String(chain.broken_at.seq)}: ${BREAK_REASONS[chain.broken_at.reason]}`}
      description={
        <>
          The timeline was altered outside PTW. Checked {checked}; tell your administrator (see the operations guide).
        </>
      }
    />
  );
}

import { Flex, Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import { usePermitChain } from '../api/events';
import type { PermitEvent } from '@/lib/api/models';
import { actionLabel } from '../components/actionCatalog';
import { fieldLabel, formatFieldValue } from '../components/fieldValues';
import { statusInfo } from '@/lib/permits/status';
import { CommentForm } from './CommentForm';
import { TimelineChain } from './TimelineChain';

function StatusTag({ status }: { status: string }) {
  const info = statusInfo(status);
  return <Tag color={info.color}>{info.label}</Tag>;
}

/** Events that are not actions of the state machine: edits, the system's expiry and the safety-control records. */
const EVENT_LABELS: Readonly<Record<string, string>> = {
  create: 'Created',
  edit: 'Edited',
  delete: 'Deleted',
  expire: 'Expired',
  gas_test: 'Gas test recorded',
  isolation_assigned: 'Isolation added',
  isolation_isolated: 'Isolation applied',
  isolation_verified: 'Isolation verified',
  isolation_deisolated: 'Isolation removed',
  isolation_reinstated: 'Isolation reinstated',
  fire_watch: 'Fire watch recorded',
  fire_watch_signed_off: 'Fire watch signed off',
  worker_add: 'Worker added',
  worker_acknowledge: 'Worker acknowledged the toolbox talk',
  worker_sign_on: 'Worker signed on',
  toolbox_talk: 'Toolbox talk recorded',
  closeout: 'Closeout updated',
  comment: 'Comment',
  extension_request: 'Extension asked',
  extension_approve: 'Extension approved',
  extension_reject: 'Extension rejected',
  handover_start: 'Handed over',
  handover_acknowledge: 'Handover acknowledged',
};

function eventLabel(action: string): string {
  return EVENT_LABELS[action] ?? actionLabel(action);
}

/** When a comment sent later by a device was written there (the event's own time is when it arrived). */
function writtenAt(event: PermitEvent): string | null {
  if (event.action !== 'comment') return null;
  const pair = (event.changes as Record<string, unknown> | null)?.written_at;
  return Array.isArray(pair) && typeof pair[1] === 'string' ? pair[1] : null;
}

function changeList(event: PermitEvent): [string, unknown, unknown][] {
  const { changes } = event;
  if (event.action === 'comment' || typeof changes !== 'object' || changes === null) return [];
  return Object.entries(changes as Record<string, unknown>).flatMap(([field, pair]) =>
    Array.isArray(pair) && pair.length === 2 ? [[field, pair[0], pair[1]] as [string, unknown, unknown]] : [],
  );
}

/** The permit's append-only history: who did what, when (site time), the status move and what changed; above it,
 * whether its hash chain is intact, with the event where it breaks marked. */
export function TimelineTab({
  permitId,
  events,
  timeZone,
  canComment,
}: {
  permitId: number;
  events: readonly PermitEvent[];
  timeZone: string;
  /** Viewers read the timeline; everyone else may add a comment to it. */
  canComment: boolean;
}) {
  const chain = usePermitChain(permitId);
  if (events.length === 0) return <Typography.Text type="secondary">No events yet.</Typography.Text>;
  const brokenAt = chain.data?.broken_at?.event_id;
  return (
    <Flex vertical gap="middle">
      {canComment && <CommentForm permitId={permitId} />}
      <TimelineChain chain={chain.data} failed={chain.error !== null} timeZone={timeZone} />
      <Timeline
        items={events.map((event) => {
          const changes = changeList(event);
          const written = writtenAt(event);
          const moved = event.from_status !== undefined && event.from_status !== '' && event.from_status !== event.to_status;
          const broken = event.id === brokenAt;
          return {
            key: event.id,
            color: broken ? 'red' : undefined,
            children: (
              <Flex vertical gap={4} aria-current={broken ? 'true' : undefined}>
                <Flex wrap gap="small" align="center">
                  {broken && <Tag color="error">Chain breaks here</Tag>}
                  <Typography.Text strong>{eventLabel(event.action)}</Typography.Text>
                  <Typography.Text>by {event.actor?.name ?? 'System'}</Typography.Text>
                  <Typography.Text type="secondary">
                    <time dateTime={event.at}>{formatDateTime(event.at, timeZone)}</time>
                  </Typography.Text>
                </Flex>
                {(moved || event.action === 'create') && event.to_status !== undefined && event.to_status !== '' && (
                  <Flex wrap gap={4} align="center">
                    {moved && event.from_status !== undefined && <StatusTag status={event.from_status} />}
                    {moved && <span aria-label="to">→</span>}
                    <StatusTag status={event.to_status} />
                  </Flex>
                )}
                {written !== null && (
                  <Typography.Text type="secondary">
                    Written on the device at <time dateTime={written}>{formatDateTime(written, timeZone)}</time>
                  </Typography.Text>
                )}
                {event.comment !== undefined && event.comment !== '' && (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>“{event.comment}”</Typography.Text>
                )}
                {changes.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label="Changed fields">
                    {changes.map(([field, before, after]) => (
                      <li key={field}>
                        <Typography.Text>
                          {fieldLabel(field)}: {formatFieldValue(field, before, timeZone)} →{' '}
                          {formatFieldValue(field, after, timeZone)}
                        </Typography.Text>
                      </li>
                    ))}
                  </ul>
                )}
              </Flex>
            ),
          };
        })}
      />
    </Flex>
  );
}

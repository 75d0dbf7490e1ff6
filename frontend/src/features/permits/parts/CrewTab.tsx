import { Alert, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { formatDateTime } from '@/lib/time/format';
import { useAcknowledgeWorker, useToolboxTalk, useWorkers } from '../api/crew';
import { permitKeys } from '@/lib/api/keys';
import { useWriteIntent } from '@/lib/api/idempotency';
import type { PermitReadiness, ToolboxTalk, Worker } from '@/lib/api/models';
import { refusal } from './access';
import { RequirementNotes } from './RequirementNotes';
import type { PartTabProps } from './types';
import { ToolboxTalkForm } from './ToolboxTalkForm';
import { VersionedEditor } from './VersionedEditor';
import { WorkerForm } from './WorkerForm';
import { WorkersTable } from './WorkersTable';

const CREW_CODES = ['toolbox_talk_missing', 'worker_not_acknowledged', 'workers_missing'] as const;

function TalkSummary({ talk, timeZone }: { talk: ToolboxTalk; timeZone: string }) {
  if (!talk.held) return <Typography.Text type="secondary">The toolbox talk is not recorded yet.</Typography.Text>;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'held',
          label: 'Held',
          children: (
            <>
              {talk.held_at !== null && <time dateTime={talk.held_at}>{formatDateTime(talk.held_at, timeZone)}</time>}
              {talk.held_by !== null ? ` by ${talk.held_by.name}` : ''}
            </>
          ),
        },
        {
          key: 'acknowledged',
          label: 'Acknowledged',
          children: `${String(talk.acknowledged)} of ${String(talk.workers)} worker${talk.workers === 1 ? '' : 's'}`,
        },
        {
          key: 'topics',
          label: 'Topics',
          span: 'filled',
          children: (
            <Flex wrap gap={4}>
              {talk.topics.map((topic) => (
                <Tag key={topic}>{topic}</Tag>
              ))}
            </Flex>
          ),
        },
        {
          key: 'notes',
          label: 'Notes',
          span: 'filled',
          children: talk.notes === '' ? '—' : <span style={{ whiteSpace: 'pre-wrap' }}>{talk.notes}</span>,
        },
      ]}
    />
  );
}

function TalkEditor({ permitId, talk, timeZone }: { permitId: number; talk: ToolboxTalk; timeZone: string }) {
  return (
    <VersionedEditor
      latest={talk}
      queryKey={permitKeys.toolboxTalk(permitId)}
      savedMessage="Toolbox talk saved."
      renderForm={(props) => <ToolboxTalkForm permitId={permitId} timeZone={timeZone} {...props} />}
    />
  );
}

/** Whether the caller keeps this permit's crew: the server's refusal to let them start the work says not. */
function crewRefusal(readiness: PermitReadiness | undefined): string | null {
  return refusal(readiness, 'activate')?.message ?? null;
}

/** The permit's crew and toolbox talk: who works, what the talk covered, and each worker's acknowledgement. */
export function CrewTab({ permit, type, readiness, timeZone, readOnly }: PartTabProps) {
  const talk = useToolboxTalk(permit.id);
  const workers = useWorkers(permit.id);
  const acknowledge = useAcknowledgeWorker(permit.id);
  const intent = useWriteIntent();
  const [acknowledging, setAcknowledging] = useState<number | null>(null);
  const refused = readOnly ? null : crewRefusal(readiness);
  const canWrite = !readOnly && refused === null && permit.parts_open.crew;
  const minWorkers = type?.min_workers ?? 0;

  const onAcknowledge = (worker: Worker) => {
    const request = { workerId: worker.id };
    setAcknowledging(worker.id);
    acknowledge.mutate(
      { ...request, idempotencyKey: intent.keyFor(request) },
      {
        onSettled: (_data, error) => {
          intent.settle(error);
          setAcknowledging(null);
        },
      },
    );
  };

  return (
    <Flex vertical gap="middle">
      {(readiness?.requires.toolbox_talk === true || minWorkers > 0) && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {readiness?.requires.toolbox_talk === true &&
            'This permit type requires a toolbox talk that every worker acknowledges before work starts. '}
          {minWorkers > 0 && `At least ${String(minWorkers)} worker${minWorkers === 1 ? '' : 's'} must be on the permit.`}
        </Typography.Paragraph>
      )}
      <RequirementNotes readiness={readiness} codes={CREW_CODES} />
      {refused !== null && (
        <Alert type="info" showIcon message="You can read the crew and the toolbox talk, not change them." description={refused} />
      )}
      <section aria-labelledby={`toolbox-talk-${String(permit.id)}`}>
        <Typography.Title level={5} id={`toolbox-talk-${String(permit.id)}`}>
          Toolbox talk
        </Typography.Title>
        {talk.data === undefined ? (
          talk.error !== null ? (
            <ErrorAlert error={talk.error} />
          ) : (
            <Skeleton active />
          )
        ) : (
          <Flex vertical gap="middle">
            <TalkSummary talk={talk.data} timeZone={timeZone} />
            {canWrite && (
              <Card size="small" title={talk.data.held ? 'Correct the toolbox talk' : 'Record the toolbox talk'}>
                <TalkEditor permitId={permit.id} talk={talk.data} timeZone={timeZone} />
              </Card>
            )}
          </Flex>
        )}
      </section>
      <section aria-labelledby={`workers-${String(permit.id)}`}>
        <Typography.Title level={5} id={`workers-${String(permit.id)}`}>
          Workers
        </Typography.Title>
        <Flex vertical gap="middle">
          {workers.error !== null && <ErrorAlert error={workers.error} />}
          {acknowledge.error !== null && <ErrorAlert error={acknowledge.error} />}
          <WorkersTable
            workers={workers.data ?? []}
            loading={workers.isPending}
            timeZone={timeZone}
            canAcknowledge={canWrite}
            talkHeld={talk.data?.held === true}
            pendingId={acknowledging}
            onAcknowledge={onAcknowledge}
          />
          {canWrite && (
            <Card size="small" title="Add a worker">
              <WorkerForm permitId={permit.id} />
            </Card>
          )}
        </Flex>
      </section>
    </Flex>
  );
}

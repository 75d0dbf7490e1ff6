import { TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { formatDateTime } from '@/lib/time/format';
import { useToolboxTalk, useWorkers } from '../api/crew';
import { permitKeys } from '@/lib/api/keys';
import type { PermitReadiness, ToolboxTalk } from '@/lib/api/models';
import { refusal } from './access';
import { RequirementNotes } from './RequirementNotes';
import type { PartTabProps } from './types';
import { ToolboxTalkForm } from './ToolboxTalkForm';
import { VersionedEditor } from './VersionedEditor';
import { WorkerForm } from './WorkerForm';
import { WorkersTable } from './WorkersTable';

const CREW_CODES = ['toolbox_talk_missing', 'worker_not_signed_on', 'workers_missing'] as const;

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
          key: 'signed_on',
          label: 'Signed on',
          children: `${String(talk.signed_on)} of ${String(talk.workers)} worker${talk.workers === 1 ? '' : 's'}`,
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

/** The way to the sign-on screen, to hand the device round the crew; explains why not while no talk is held. */
function SignOnEntry({ permitId, talkHeld }: { permitId: number; talkHeld: boolean }) {
  const navigate = useNavigate();
  if (!talkHeld)
    return <Typography.Text type="secondary">Record the toolbox talk, then hand this device round for crew sign-on.</Typography.Text>;
  return (
    <Button
      type="primary"
      size="large"
      icon={<TeamOutlined aria-hidden />}
      style={{ minHeight: 48, alignSelf: 'flex-start' }}
      onClick={() => {
        void navigate(`/permits/${String(permitId)}/sign-on`);
      }}
    >
      Crew sign-on
    </Button>
  );
}

/** The permit's crew and toolbox talk: who works, what the talk covered, and each worker's sign-on. */
export function CrewTab({ permit, type, readiness, timeZone, readOnly }: PartTabProps) {
  const talk = useToolboxTalk(permit.id);
  const workers = useWorkers(permit.id);
  const refused = readOnly ? null : crewRefusal(readiness);
  const canWrite = !readOnly && refused === null && permit.parts_open.crew;
  const minWorkers = type?.min_workers ?? 0;

  return (
    <Flex vertical gap="middle">
      {(readiness?.requires.toolbox_talk === true || minWorkers > 0) && (
        <Typography.Paragraph style={{ margin: 0 }}>
          {readiness?.requires.toolbox_talk === true &&
            'This permit type requires a toolbox talk that every worker signs on for before work starts. '}
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
          {canWrite && (workers.data?.length ?? 0) > 0 && (
            <SignOnEntry permitId={permit.id} talkHeld={talk.data?.held === true} />
          )}
          <WorkersTable workers={workers.data ?? []} loading={workers.isPending} timeZone={timeZone} />
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

import { ArrowLeftOutlined, CheckCircleFilled, CloudUploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { SuccessNotice } from '@/components/SuccessNotice';
import { useWriteIntent } from '@/lib/api/idempotency';
import type { Permit, SignOnBody, ToolboxTalk, Worker } from '@/lib/api/models';
import type { SignOnSeen } from '@/lib/offline/kinds';
import { isOffline } from '@/lib/offline/online';
import type { FieldRecord } from '@/lib/offline/records';
import { SAVED_ON_DEVICE, useFieldRecorder, useFieldRecords } from '@/lib/offline/useFieldRecords';
import { formatDateTime } from '@/lib/time/format';
import { useProjectTimeZone } from '@/lib/time/projectTimeZone';
import { deviceDescription, signOnBody, useSignOn, useToolboxTalk, useWorkers, type SignOnEntry } from '../api/crew';
import { usePermit } from '../api/permits';
import { LoadedPermit } from '../components/LoadedPermit';
import { SignOnStep } from './SignOnStep';

function signedAt(worker: Worker): string | null {
  return worker.sign_on?.at ?? worker.acknowledged_at ?? null;
}

/** The workers whose sign-on this device keeps or has just sent (refused ones may sign on again). */
function keptSignOns(records: FieldRecord[]): Set<number> {
  return new Set(
    records
      .filter((record) => record.kind === 'sign-on' && record.status !== 'refused')
      .map((record) => (record.seen as SignOnSeen).workerId),
  );
}

interface CrewMemberProps {
  worker: Worker;
  timeZone: string;
  /** Signed on, on this device, but not yet confirmed by the server. */
  kept: boolean;
  onOpen: () => void;
}

/** One worker in the hand-round list: a large tap target while waiting, their time once signed on. */
function CrewMember({ worker, timeZone, kept, onOpen }: CrewMemberProps) {
  const at = signedAt(worker);
  const who = (
    <Flex vertical align="flex-start" style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {worker.name}
      </Typography.Text>
      <Typography.Text type="secondary">{worker.company}</Typography.Text>
    </Flex>
  );
  if (at !== null)
    return (
      <Flex justify="space-between" align="center" gap="small" wrap style={{ minHeight: 56, padding: '8px 12px' }}>
        {who}
        <Tag color="success" icon={<CheckCircleFilled aria-hidden />} style={{ marginInlineEnd: 0 }}>
          Signed on {formatDateTime(at, timeZone)}
        </Tag>
      </Flex>
    );
  if (kept)
    return (
      <Flex justify="space-between" align="center" gap="small" wrap style={{ minHeight: 56, padding: '8px 12px' }}>
        {who}
        <Tag color="processing" icon={<CloudUploadOutlined aria-hidden />} style={{ marginInlineEnd: 0 }}>
          Signed on: saved on this device
        </Tag>
      </Flex>
    );
  return (
    <Button
      block
      size="large"
      onClick={onOpen}
      aria-label={`Sign on: ${worker.name}`}
      style={{ height: 'auto', minHeight: 56, padding: '8px 12px', justifyContent: 'space-between', whiteSpace: 'normal' }}
    >
      {who}
      <Tag style={{ marginInlineEnd: 0 }}>Waiting</Tag>
    </Button>
  );
}

function SignOnScreen({ permit, talk, workers }: { permit: Permit; talk: ToolboxTalk; workers: Worker[] }) {
  const timeZone = useProjectTimeZone(permit.project);
  const signOn = useSignOn(permit.id);
  const intent = useWriteIntent();
  const recorder = useFieldRecorder(permit.id);
  const kept = keptSignOns(useFieldRecords(permit.id));
  const [keepError, setKeepError] = useState<Error | null>(null);
  const [signing, setSigning] = useState<Worker | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const waiting = workers.filter((worker) => signedAt(worker) === null).length;

  const open = (worker: Worker) => {
    signOn.reset();
    intent.renew();
    setDone(null);
    setSigning(worker);
    window.scrollTo({ top: 0 });
  };

  /** Keeps the sign-on on this device, to be sent (with the same key and body) when signal returns. */
  const keep = (worker: Worker, body: SignOnBody, idempotencyKey: string) => {
    const { permit_version: permitVersion, ...rest } = body;
    const seen: SignOnSeen = { workerId: worker.id };
    recorder({ kind: 'sign-on', summary: worker.name, body: rest, seen, idempotencyKey, permitVersion }).then(
      () => {
        signOn.reset();
        intent.renew();
        setSigning(null);
        setDone(`${worker.name} signed on: ${SAVED_ON_DEVICE} Hand the device to the next worker.`);
        window.scrollTo({ top: 0 });
      },
      (error: unknown) => {
        setKeepError(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };

  const sign = (worker: Worker, entry: SignOnEntry) => {
    const body = signOnBody(entry, { signedAt: new Date(), device: deviceDescription(), permitVersion: permit.version });
    // The key follows what the worker gave, not the moment: a retry of the same signature is the same sign-on.
    const key = intent.keyFor({ workerId: worker.id, entry });
    setKeepError(null);
    if (isOffline()) {
      keep(worker, body, key);
      return;
    }
    signOn.mutate(
      { workerId: worker.id, body, idempotencyKey: key },
      {
        onSettled: (_data, error) => {
          if (!isOffline(error)) intent.settle(error);
        },
        onSuccess: () => {
          setSigning(null);
          setDone(`${worker.name} signed on. Hand the device to the next worker.`);
          window.scrollTo({ top: 0 });
        },
        onError: (error) => {
          if (isOffline(error)) keep(worker, body, key);
        },
      },
    );
  };

  if (signing !== null)
    return (
      <SignOnStep
        worker={signing}
        statement={talk.sign_on_statement}
        pending={signOn.isPending}
        error={keepError ?? (isOffline(signOn.error) ? null : signOn.error)}
        onSign={(entry) => {
          sign(signing, entry);
        }}
        onBack={() => {
          setSigning(null);
        }}
      />
    );

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 720, width: '100%' }}>
      {done !== null && (
        <SuccessNotice
          message={done}
          onClose={() => {
            setDone(null);
          }}
        />
      )}
      <Card size="small" title="Hazards and precautions">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{talk.sign_on_statement}</Typography.Paragraph>
      </Card>
      <section aria-labelledby="crew-list">
        <Typography.Title level={4} id="crew-list">
          Crew ({String(workers.length - waiting)} of {String(workers.length)} signed on)
        </Typography.Title>
        {workers.length === 0 ? (
          <Typography.Text type="secondary">No workers on this permit yet: add them on the permit's crew tab.</Typography.Text>
        ) : (
          <ul aria-label="Crew" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 8 }}>
            {workers.map((worker) => (
              <li key={worker.id} style={{ border: '1px solid rgba(5, 5, 5, 0.06)', borderRadius: 8 }}>
                <CrewMember
                  worker={worker}
                  timeZone={timeZone}
                  kept={kept.has(worker.id)}
                  onOpen={() => {
                    open(worker);
                  }}
                />
              </li>
            ))}
          </ul>
        )}
        {workers.length > 0 && waiting === 0 && (
          <Alert style={{ marginTop: 12 }} type="success" showIcon message="Every worker has signed on." />
        )}
      </section>
    </Flex>
  );
}

function SignOnContent({ permit }: { permit: Permit }) {
  const talk = useToolboxTalk(permit.id);
  const workers = useWorkers(permit.id);
  // What was read stays on screen when a later read fails: a worker half-way through signing keeps their page.
  if (talk.data === undefined) return talk.error !== null ? <ErrorAlert error={talk.error} /> : <Skeleton active />;
  if (workers.data === undefined)
    return workers.error !== null ? <ErrorAlert error={workers.error} /> : <Skeleton active />;
  if (!talk.data.held)
    return (
      <Alert
        type="info"
        showIcon
        message="The toolbox talk is not recorded yet"
        description="Hold the toolbox talk and record it on the permit's crew tab; then the crew signs on here."
      />
    );
  return <SignOnScreen permit={permit} talk={talk.data} workers={workers.data} />;
}

/** /permits/:id/sign-on — a phone or tablet handed round the crew: each worker signs on for the toolbox talk. */
export function CrewSignOnPage() {
  const id = Number(useParams().id);
  const permit = usePermit(id);
  return (
    <Flex vertical gap="middle" style={{ minWidth: 0 }}>
      <Link to={`/permits/${String(id)}`} style={{ ...TAP_TARGET_STYLE, alignSelf: 'flex-start' }}>
        <ArrowLeftOutlined aria-hidden /> Back to the permit
      </Link>
      {permit.data !== undefined && (
        <Typography.Text type="secondary">
          {permit.data.permit_number} · {permit.data.title}
        </Typography.Text>
      )}
      <LoadedPermit permit={permit}>{(loaded) => <SignOnContent permit={loaded} />}</LoadedPermit>
    </Flex>
  );
}

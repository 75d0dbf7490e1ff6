import { Button, Card, Flex, Popconfirm, Steps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/time/format';
import type { PermitIsolation, Person } from '@/lib/api/models';
import { ErrorAlert } from '@/components/ErrorAlert';
import { capitalise } from '@/lib/permits/riskLevel';
import { ISOLATION_ORDER, isolationState, lockNumbers, nextStep, type NextStep } from '@/lib/permits/isolation';

const CONFIRM: Readonly<Record<'verify' | 'deisolate', { title: string; description: string }>> = {
  verify: {
    title: 'Verify this isolation?',
    description: 'You confirm the zero-energy check at the point. The person who applied it cannot verify it.',
  },
  deisolate: {
    title: 'Remove this isolation?',
    description: 'Locks come off and energy may be restored: only once work has stopped.',
  },
};

function byline(person: Person | null | undefined, at: string | null | undefined, timeZone: string): ReactNode {
  if (person == null || at == null) return undefined;
  return (
    <>
      {person.name}
      <br />
      <time dateTime={at}>{formatDateTime(at, timeZone)}</time>
    </>
  );
}

export interface IsolationCardProps {
  isolation: PermitIsolation;
  timeZone: string;
  /** Whether the caller may act at all (a viewer's membership reads only); the step itself the server allows. */
  canAct: boolean;
  pending: boolean;
  /** The last refusal of a step on this isolation. */
  error: Error | null;
  onStep: (isolation: PermitIsolation, next: NextStep) => void;
}

/** One isolation: its point, energy and locks, its state on the way applied → verified → de-isolated → reinstated, and
 * the next step. */
export function IsolationCard({ isolation, timeZone, canAct, pending, error, onStep }: IsolationCardProps) {
  const state = isolationState(isolation.status);
  const next = nextStep(isolation.status);
  const locks = lockNumbers(isolation);
  const reached = Math.max(0, ISOLATION_ORDER.indexOf(isolation.status ?? 'assigned'));
  const done = reached === ISOLATION_ORDER.length - 1;
  const titleId = `isolation-${String(isolation.id)}-title`;

  const button =
    next === null || !canAct || !isolation.allowed_actions.includes(next.step) ? null : (
      <Button
        type="primary"
        danger={next.step === 'deisolate'}
        loading={pending}
        aria-label={`${next.label}: ${isolation.name}`}
        onClick={
          next.step === 'isolate' || next.step === 'reinstate'
            ? () => {
                onStep(isolation, next);
              }
            : undefined
        }
      >
        {next.label}
      </Button>
    );

  return (
    <Card
      size="small"
      aria-labelledby={titleId}
      role="region"
      title={
        <Flex wrap gap="small" align="center">
          <span id={titleId}>{isolation.name}</span>
          {isolation.point !== null ? <Tag>{isolation.point.code}</Tag> : <Tag>ad hoc</Tag>}
          <Tag color={state.color}>{state.label}</Tag>
        </Flex>
      }
      extra={
        button !== null && next !== null && next.step !== 'isolate' && next.step !== 'reinstate' ? (
          <Popconfirm
            title={CONFIRM[next.step].title}
            description={CONFIRM[next.step].description}
            okText={next.label}
            okButtonProps={{ danger: next.step === 'deisolate' }}
            cancelText="Not now"
            onConfirm={() => {
              onStep(isolation, next);
            }}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        )
      }
    >
      <Flex vertical gap="small">
        <Flex wrap gap="middle">
          <Typography.Text>Energy: {capitalise(isolation.energy_type)}</Typography.Text>
          <Typography.Text>
            Locks: {locks.length > 0 ? locks.map((lock) => <Tag key={lock}>{lock}</Tag>) : `${String(isolation.locks_required)} needed`}
          </Typography.Text>
        </Flex>
        <Steps
          size="small"
          labelPlacement="vertical"
          // Every state reached is done; the one after it waits for its step.
          current={done ? reached : reached + 1}
          status={done ? 'finish' : 'wait'}
          items={[
            { title: 'Assigned' },
            { title: 'Applied', description: byline(isolation.isolated_by, isolation.isolated_at, timeZone) },
            { title: 'Verified', description: byline(isolation.verified_by, isolation.verified_at, timeZone) },
            { title: 'De-isolated', description: byline(isolation.deisolated_by, isolation.deisolated_at, timeZone) },
            { title: 'Reinstated', description: byline(isolation.reinstated_by, isolation.reinstated_at, timeZone) },
          ]}
        />
        {isolation.status === 'reinstated' && (
          <Typography.Text>
            {isolation.reinstatement_tested === true
              ? 'Equipment reinstated and tested.'
              : `Reinstated, not tested: ${isolation.reinstatement_note ?? ''}`}
          </Typography.Text>
        )}
        {error !== null && <ErrorAlert error={error} />}
      </Flex>
    </Card>
  );
}

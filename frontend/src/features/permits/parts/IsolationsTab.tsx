import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useIsolationStep, usePermitIsolations } from '../api/isolations';
import { useWriteIntent } from '@/lib/api/idempotency';
import type { PermitIsolation } from '@/lib/api/models';
import { statusInfo } from '@/lib/permits/status';
import { AddIsolationForm } from './AddIsolationForm';
import { IsolationCard } from './IsolationCard';
import type { NextStep } from '@/lib/permits/isolation';
import { LockNumbersDialog } from './LockNumbersDialog';
import { ReinstateDialog, type Reinstatement } from './ReinstateDialog';
import { RequirementNotes } from './RequirementNotes';
import type { PartTabProps } from './types';

const ISOLATION_CODES = [
  'isolation_missing',
  'isolation_not_verified',
  'deisolation_required',
  'reinstatement_pending',
] as const;

/** The permit's lockout/tagout: each isolation's state and next step, and adding one. */
export function IsolationsTab({ permit, readiness, timeZone, readOnly }: Omit<PartTabProps, 'type'>) {
  const isolations = usePermitIsolations(permit.id);
  const step = useIsolationStep(permit.id);
  const intent = useWriteIntent();
  const [applying, setApplying] = useState<PermitIsolation | null>(null);
  const [reinstating, setReinstating] = useState<PermitIsolation | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const closed = statusInfo(permit.status ?? '').terminal;

  const run = (isolation: PermitIsolation, next: NextStep, lockNumbers?: string[], reinstatement?: Reinstatement) => {
    const request = { isolationId: isolation.id, step: next.step, lockNumbers, reinstatement };
    setTarget(isolation.id);
    step.mutate(
      { ...request, idempotencyKey: intent.keyFor(request) },
      {
        onSuccess: () => {
          intent.settle(null);
          setApplying(null);
          setReinstating(null);
        },
        onError: (error) => {
          intent.settle(error);
        },
      },
    );
  };

  const onStep = (isolation: PermitIsolation, next: NextStep) => {
    if (next.step === 'isolate') {
      step.reset();
      setTarget(isolation.id);
      setApplying(isolation);
    } else if (next.step === 'reinstate') {
      step.reset();
      setTarget(isolation.id);
      setReinstating(isolation);
    } else run(isolation, next);
  };

  return (
    <Flex vertical gap="middle">
      {readiness?.requires.isolation === true && (
        <Typography.Paragraph style={{ margin: 0 }}>
          This permit type requires isolation: every point applied and verified before work, de-isolated before the
          hand-back, and confirmed reinstated by another person before the hand-back is accepted.
        </Typography.Paragraph>
      )}
      <RequirementNotes readiness={readiness} codes={ISOLATION_CODES} />
      {isolations.error !== null && <ErrorAlert error={isolations.error} />}
      {isolations.data === undefined ? (
        isolations.isPending && <Skeleton active />
      ) : isolations.data.length === 0 ? (
        <Empty description="No isolations on this permit." />
      ) : (
        <Flex vertical gap="small">
          {isolations.data.map((isolation) => (
            <IsolationCard
              key={isolation.id}
              isolation={isolation}
              timeZone={timeZone}
              canAct={!readOnly}
              pending={step.isPending && target === isolation.id && applying === null && reinstating === null}
              error={target === isolation.id && applying === null && reinstating === null ? step.error : null}
              onStep={onStep}
            />
          ))}
        </Flex>
      )}
      {!readOnly && !closed && (
        <Card size="small" title="Add an isolation">
          <AddIsolationForm permitId={permit.id} projectId={permit.project} />
        </Card>
      )}
      <LockNumbersDialog
        isolation={applying}
        pending={step.isPending}
        error={applying === null ? null : step.error}
        onConfirm={(lockNumbers) => {
          if (applying !== null) run(applying, { step: 'isolate', label: 'Apply' }, lockNumbers);
        }}
        onCancel={() => {
          setApplying(null);
          step.reset();
        }}
      />
      <ReinstateDialog
        isolation={reinstating}
        pending={step.isPending}
        error={reinstating === null ? null : step.error}
        onConfirm={(reinstatement) => {
          if (reinstating !== null) run(reinstating, { step: 'reinstate', label: 'Confirm reinstated' }, undefined, reinstatement);
        }}
        onCancel={() => {
          setReinstating(null);
          step.reset();
        }}
      />
    </Flex>
  );
}

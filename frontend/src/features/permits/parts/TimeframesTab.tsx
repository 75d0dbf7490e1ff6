import { Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { formatDateTime } from '@/lib/time/format';
import { useMe } from '@/lib/session';
import { useWriteIntent } from '@/lib/api/idempotency';
import {
  useAcknowledgeHandover,
  useDecideExtension,
  useExtensions,
  useHandovers,
  type ExtensionDecision,
} from '../api/timeframes';
import type { Extension, ExtensionDecisionBody, Handover } from '@/lib/api/models';
import { ExtensionDecisionDialog } from './ExtensionDecisionDialog';
import { ExtensionForm } from './ExtensionForm';
import { ExtensionsTable } from './ExtensionsTable';
import { HandoverForm } from './HandoverForm';
import { HandoversTable } from './HandoversTable';
import type { PartTabProps } from './types';

/**
 * The permit's time frames: extensions of its planned end (asked for, then decided by an issuer) and
 * its shift handovers (started by the performing authority, acknowledged by the incoming one). The
 * forms and the decisions show only when the server says the caller may use them now.
 */
export function TimeframesTab({ permit, timeZone, readOnly }: Omit<PartTabProps, 'type' | 'readiness'>) {
  const me = useMe();
  const extensions = useExtensions(permit.id);
  const handovers = useHandovers(permit.id);
  const decide = useDecideExtension(permit.id);
  const acknowledge = useAcknowledgeHandover(permit.id);
  const decideIntent = useWriteIntent();
  const acknowledgeIntent = useWriteIntent();
  const [deciding, setDeciding] = useState<{ extension: Extension; decision: ExtensionDecision } | null>(null);
  const [acknowledging, setAcknowledging] = useState<number | null>(null);
  const canAsk = !readOnly && permit.can.extension;
  const canHandOver = !readOnly && permit.can.handover;

  const onDecide = (extension: Extension, decision: ExtensionDecision) => {
    decide.reset();
    setDeciding({ extension, decision });
  };

  const onConfirmDecision = (body: Partial<ExtensionDecisionBody>) => {
    if (deciding === null) return;
    const request = { extensionId: deciding.extension.id, decision: deciding.decision, body };
    decide.mutate(
      { ...request, idempotencyKey: decideIntent.keyFor(request) },
      {
        onSuccess: () => {
          decideIntent.settle(null);
          setDeciding(null);
        },
        onError: (error) => {
          decideIntent.settle(error);
        },
      },
    );
  };

  const onAcknowledge = (handover: Handover) => {
    const request = { handoverId: handover.id };
    setAcknowledging(handover.id);
    acknowledge.mutate(
      { ...request, idempotencyKey: acknowledgeIntent.keyFor(request) },
      {
        onSettled: (_data, error) => {
          acknowledgeIntent.settle(error);
          setAcknowledging(null);
        },
      },
    );
  };

  return (
    <Flex vertical gap="middle">
      <section aria-labelledby={`extensions-${String(permit.id)}`}>
        <Typography.Title level={5} id={`extensions-${String(permit.id)}`}>
          Extensions
        </Typography.Title>
        <Flex vertical gap="middle">
          <Typography.Paragraph style={{ margin: 0 }}>
            The permit is planned to end at{' '}
            <time dateTime={permit.planned_end}>{formatDateTime(permit.planned_end, timeZone)}</time> ({timeZone}). An
            extension moves that end once an issuer approves it; one reaching into another shift needs the controls
            (and the gas test) re-confirmed.
          </Typography.Paragraph>
          {extensions.error !== null && <ErrorAlert error={extensions.error} />}
          <ExtensionsTable
            extensions={extensions.data ?? []}
            loading={extensions.isPending}
            timeZone={timeZone}
            canDecide={!readOnly}
            onDecide={onDecide}
          />
          {canAsk && (
            <Card size="small" title="Ask for an extension">
              <ExtensionForm permitId={permit.id} plannedEnd={permit.planned_end} timeZone={timeZone} />
            </Card>
          )}
        </Flex>
      </section>
      <section aria-labelledby={`handovers-${String(permit.id)}`}>
        <Typography.Title level={5} id={`handovers-${String(permit.id)}`}>
          Shift handovers
        </Typography.Title>
        <Flex vertical gap="middle">
          {handovers.error !== null && <ErrorAlert error={handovers.error} />}
          {acknowledge.error !== null && <ErrorAlert error={acknowledge.error} />}
          <HandoversTable
            handovers={handovers.data ?? []}
            loading={handovers.isPending}
            timeZone={timeZone}
            meId={readOnly ? null : me.id}
            pendingId={acknowledging}
            onAcknowledge={onAcknowledge}
          />
          {canHandOver && (
            <Card size="small" title="Hand over to the next shift">
              <HandoverForm permit={permit} />
            </Card>
          )}
        </Flex>
      </section>
      <ExtensionDecisionDialog
        target={deciding}
        permit={permit}
        timeZone={timeZone}
        pending={decide.isPending}
        error={deciding === null ? null : decide.error}
        onConfirm={onConfirmDecision}
        onCancel={() => {
          setDeciding(null);
          decide.reset();
        }}
      />
    </Flex>
  );
}

import { Button, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useWriteIntent } from '@/lib/api/idempotency';
import { NEEDS_CONNECTION, useOnline } from '@/lib/offline/online';
import { usePermitAction } from '../api/actions';
import type { ActionBody, Missing, Permit, PermitAction, PermitReadiness } from '@/lib/api/models';
import { ActionDialog } from './ActionDialog';
import { ACTIONS, orderedActions } from './actionCatalog';
import { SuccessNotice } from '@/components/SuccessNotice';

export interface ActionBarProps {
  permit: Pick<Permit, 'id' | 'permit_number' | 'allowed_actions'>;
  /** The caller's readiness for this permit; while it loads every offered action is enabled. */
  readiness: PermitReadiness | undefined;
  /** The signed-in user's registered full name, for signatures. */
  signerName: string;
}

function blockedId(permitId: number, action: PermitAction): string {
  return `permit-${String(permitId)}-${action}-blocked`;
}

function missingFor(readiness: PermitReadiness | undefined, action: PermitAction): Missing[] | null {
  const state = readiness?.actions[action];
  return state === undefined || state.allowed ? null : state.missing;
}

/**
 * The actions the server offers the caller on this permit (`allowed_actions`), in life order;
 * an offered action whose readiness says "not now" is disabled and explains what is missing.
 */
export function ActionBar({ permit, readiness, signerName }: ActionBarProps) {
  const actions = orderedActions(permit.allowed_actions);
  const [dialogAction, setDialogAction] = useState<PermitAction | null>(null);
  const [done, setDone] = useState<PermitAction | null>(null);
  const intent = useWriteIntent();
  const mutation = usePermitAction(permit.id);
  const online = useOnline();

  // A viewer, or anyone once nothing is left to do, sees no bar (only the result of their last act).
  if (actions.length === 0 && done === null && dialogAction === null) return null;
  const primary = actions.find((action) => ACTIONS[action].forward && missingFor(readiness, action) === null);
  const blocked = actions.flatMap((action) => {
    const missing = missingFor(readiness, action);
    return missing === null ? [] : [{ action, missing }];
  });

  const open = (action: PermitAction) => {
    intent.renew();
    mutation.reset();
    setDone(null);
    setDialogAction(action);
  };
  const close = () => {
    setDialogAction(null);
    mutation.reset();
  };
  const confirm = (body: ActionBody) => {
    if (dialogAction === null) return;
    const action = dialogAction;
    mutation.mutate(
      { action, body, idempotencyKey: intent.keyFor(action) },
      {
        onSuccess: () => {
          setDialogAction(null);
          setDone(action);
        },
      },
    );
  };

  return (
    <section aria-label="Permit actions">
      <Flex wrap gap="small" hidden={actions.length === 0}>
        {actions.map((action) => {
          const { label, danger } = ACTIONS[action];
          const missing = missingFor(readiness, action);
          const button = (
            <Button
              key={action}
              type={action === primary ? 'primary' : 'default'}
              danger={danger}
              disabled={missing !== null || !online}
              title={online ? undefined : NEEDS_CONNECTION}
              aria-describedby={missing === null ? undefined : blockedId(permit.id, action)}
              onClick={() => {
                open(action);
              }}
            >
              {label}
            </Button>
          );
          return missing === null ? (
            button
          ) : (
            // The tooltip describes its own wrapper, so the button keeps its link to the visible text.
            <Tooltip key={action} title={missing.map((item) => item.message).join(' ')}>
              <span style={{ display: 'inline-block' }}>{button}</span>
            </Tooltip>
          );
        })}
      </Flex>
      {!online && actions.length > 0 && (
        <Typography.Paragraph type="secondary" role="status" style={{ margin: '8px 0 0' }}>
          {NEEDS_CONNECTION}: these acts are decided by the server and can be taken when signal returns.
        </Typography.Paragraph>
      )}
      {blocked.map(({ action, missing }) => (
        <div key={action} id={blockedId(permit.id, action)} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{ACTIONS[action].label} is not possible yet:</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {missing.map((item) => (
              <li key={item.code}>
                <Typography.Text type="secondary">{item.message}</Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {done !== null && (
        <SuccessNotice
          style={{ marginTop: 8 }}
          message={`${ACTIONS[done].label}: done.`}
          onClose={() => {
            setDone(null);
          }}
        />
      )}
      <ActionDialog
        action={dialogAction}
        signerName={signerName}
        subject={permit.permit_number}
        pending={mutation.isPending}
        error={mutation.error}
        onConfirm={confirm}
        onCancel={close}
      />
    </section>
  );
}

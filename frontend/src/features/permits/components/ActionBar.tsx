import { Button, Flex, Tooltip, Typography } from 'antd';
import { lazy, useState } from 'react';
import { createPortal } from 'react-dom';
import { useWriteIntent } from '@/lib/api/idempotency';
import { NEEDS_CONNECTION, useOnline } from '@/lib/offline/online';
import { usePermitAction } from '../api/actions';
import type { ActionBody, Missing, Permit, PermitAction, PermitReadiness } from '@/lib/api/models';
import { ACTIONS, orderedActions } from './actionCatalog';
import { LazyDialog } from '@/components/LazyDialog';
import { SuccessNotice } from '@/components/SuccessNotice';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { usePermitConflicts } from '../api/simops';
import { unacknowledgedWarnings } from '../simops/permitSimops';

export interface ActionBarProps {
  permit: Pick<Permit, 'id' | 'permit_number' | 'allowed_actions' | 'project'>;
  /** The project's time zone, for the windows of conflicting permits. */
  timeZone?: string;
  /** The caller's readiness for this permit; while it loads every offered action is enabled. */
  readiness: PermitReadiness | undefined;
  /** The signed-in user's registered full name, for signatures. */
  signerName: string;
}

// The dialog (a form, the signature pad) is fetched when an action is first chosen, not with the page.
const ActionDialog = lazy(() => import('./ActionDialog').then((module) => ({ default: module.ActionDialog })));

function blockedId(permitId: number, action: PermitAction): string {
  return `permit-${String(permitId)}-${action}-blocked`;
}

function missingFor(readiness: PermitReadiness | undefined, action: PermitAction): Missing[] | null {
  const state = readiness?.actions[action];
  return state === undefined || state.allowed ? null : state.missing;
}

/** Room kept at the foot of the page so nothing hides under the phone's fixed bar. */
export const PHONE_BAR_HEIGHT = 80;

/**
 * The one or two actions a phone keeps in reach at the foot of the screen: what the user can do now,
 * moving the permit on first (verify, then reject), cancelling only when nothing else is possible;
 * failing any, the forward action still blocked.
 */
export function phoneBarActions(actions: readonly PermitAction[], readiness: PermitReadiness | undefined): PermitAction[] {
  const possible = actions.filter((action) => missingFor(readiness, action) === null);
  const decisions = possible.filter((action) => action !== 'cancel');
  const ranked = [
    ...decisions.filter((action) => ACTIONS[action].forward),
    ...decisions.filter((action) => !ACTIONS[action].forward),
  ];
  if (ranked.length > 0) return ranked.slice(0, 2);
  if (possible.length > 0) return possible.slice(0, 1);
  return actions.filter((action) => ACTIONS[action].forward).slice(0, 1);
}

/**
 * The actions the server offers the caller on this permit (`allowed_actions`), in life order;
 * an offered action whose readiness says "not now" is disabled and explains what is missing.
 */
export function ActionBar({ permit, readiness, signerName, timeZone = 'UTC' }: ActionBarProps) {
  const actions = orderedActions(permit.allowed_actions);
  const [dialogAction, setDialogAction] = useState<PermitAction | null>(null);
  const [done, setDone] = useState<PermitAction | null>(null);
  const intent = useWriteIntent();
  const mutation = usePermitAction(permit.id);
  const online = useOnline();
  const phone = useIsPhone();
  // Only an issuer who may approve needs the warn conflicts (to acknowledge them in the dialog).
  const conflicts = usePermitConflicts(permit.id, { enabled: actions.includes('approve') });
  const warnings = unacknowledgedWarnings(conflicts.data?.results ?? []);

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

  const actionButton = (action: PermitAction, { block = false, large = false } = {}) => {
    const { label, danger } = ACTIONS[action];
    const missing = missingFor(readiness, action);
    return (
      <Button
        key={action}
        type={action === primary ? 'primary' : 'default'}
        danger={danger}
        block={block}
        size={large ? 'large' : undefined}
        style={large ? { minHeight: 48, flex: '1 1 0', minWidth: 0 } : undefined}
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
  };
  // On a phone the reasons are written out below, and a tooltip has no hover to show on.
  const withTooltip = (action: PermitAction) => {
    const missing = missingFor(readiness, action);
    return missing === null ? (
      actionButton(action)
    ) : (
      // The tooltip describes its own wrapper, so the button keeps its link to the visible text.
      <Tooltip key={action} title={missing.map((item) => item.message).join(' ')}>
        <span style={{ display: 'inline-block' }}>{actionButton(action)}</span>
      </Tooltip>
    );
  };
  const inBar = phone ? phoneBarActions(actions, readiness) : [];
  const inPage = actions.filter((action) => !inBar.includes(action));

  return (
    <section aria-label="Permit actions">
      <Flex wrap gap="small" vertical={phone} hidden={inPage.length === 0}>
        {inPage.map((action) => (phone ? actionButton(action, { block: true }) : withTooltip(action)))}
      </Flex>
      {/* At the end of the page (the body): the spacer lets the page scroll clear of the fixed bar. */}
      {inBar.length > 0 &&
        createPortal(
          <>
            <div style={{ height: PHONE_BAR_HEIGHT }} aria-hidden />
            <Flex
              role="group"
              aria-label="Main actions"
              gap="small"
              style={{
                position: 'fixed',
                insetInline: 0,
                bottom: 0,
                zIndex: 100,
                padding: '12px 12px calc(12px + env(safe-area-inset-bottom))',
                background: '#fff',
                boxShadow: '0 -2px 8px rgba(0, 0, 0, 0.15)',
              }}
            >
              {inBar.map((action) => actionButton(action, { large: true }))}
            </Flex>
          </>,
          document.body,
        )}
      {!online && actions.length > 0 && (
        <Typography.Paragraph type="secondary" role="status" style={{ margin: '8px 0 0' }}>
          {NEEDS_CONNECTION}: these acts are decided by the server and can be taken when signal returns.
        </Typography.Paragraph>
      )}
      {blocked.map(({ action, missing }) => (
        <div key={action} id={blockedId(permit.id, action)} style={{ marginTop: 8, width: '100%' }}>
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
      <LazyDialog open={dialogAction !== null}>
        <ActionDialog
          action={dialogAction}
          signerName={signerName}
          subject={permit.permit_number}
          pending={mutation.isPending}
          error={mutation.error}
          onConfirm={confirm}
          onCancel={close}
          warnings={warnings}
          project={{ id: permit.project, time_zone: timeZone }}
        />
      </LazyDialog>
    </section>
  );
}

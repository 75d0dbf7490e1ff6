/**
 * How each workflow action is presented: its label, its place in the bar and what the action
 * endpoint asks for (a reason, a signature, or a confirmation). Whether an action is
 * offered at all is the server's answer (`allowed_actions`, readiness), never decided here.
 */
import type { PermitAction } from '@/lib/api/models';

export type ActionInput = 'signature' | 'reason' | 'confirm';

export interface ActionPresentation {
  readonly label: string;
  /** Moves the permit on in its life (shown as the primary button when first). */
  readonly forward: boolean;
  readonly danger: boolean;
  readonly input: ActionInput;
  /** One sentence for the dialog: what taking the action means. */
  readonly explanation: string;
}

export const ACTIONS: Readonly<Record<PermitAction, ActionPresentation>> = {
  submit: {
    label: 'Submit',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'The permit goes to the verifier. You sign for its content as it is now.',
  },
  resubmit: {
    label: 'Resubmit',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'The corrected permit goes back to the verifier; earlier signatures are void.',
  },
  verify: {
    label: 'Verify',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'You confirm the hazards and controls; the permit goes to the issuer.',
  },
  approve: {
    label: 'Approve',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'You issue the permit: work may start inside its planned window.',
  },
  activate: {
    label: 'Start work',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'Work starts now under this permit.',
  },
  resume: {
    label: 'Resume',
    forward: true,
    danger: false,
    input: 'confirm',
    explanation: 'Work continues under this permit.',
  },
  hand_back: {
    label: 'Hand back',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'The work is done, the crew and tools are off site: an issuer inspects and accepts the hand-back.',
  },
  complete: {
    label: 'Accept hand-back',
    forward: true,
    danger: false,
    input: 'signature',
    explanation: 'You inspected the work site: the plant is safe to return to operation and the permit closes.',
  },
  refuse_handback: {
    label: 'Refuse hand-back',
    forward: false,
    danger: true,
    input: 'reason',
    explanation: 'The permit returns to where it was handed back from, with your reason.',
  },
  withdraw: {
    label: 'Withdraw',
    forward: false,
    danger: false,
    input: 'confirm',
    explanation: 'The permit returns to draft so that you can change it.',
  },
  reject: {
    label: 'Reject',
    forward: false,
    danger: true,
    input: 'reason',
    explanation: 'The permit returns to the requester with your reason.',
  },
  suspend: {
    label: 'Suspend',
    forward: false,
    danger: true,
    input: 'reason',
    explanation: 'Work stops at once until the permit is resumed.',
  },
  cancel: {
    label: 'Cancel permit',
    forward: false,
    danger: true,
    input: 'reason',
    explanation: 'The permit ends for good; it cannot be used again.',
  },
};

/** The bar's order: forward actions first, in the permit's life order, then the others. */
export const ACTION_ORDER: readonly PermitAction[] = [
  'submit',
  'resubmit',
  'verify',
  'approve',
  'activate',
  'resume',
  'hand_back',
  'complete',
  'withdraw',
  'refuse_handback',
  'reject',
  'suspend',
  'cancel',
];

export function isPermitAction(value: string): value is PermitAction {
  return Object.hasOwn(ACTIONS, value);
}

/** The server's actions in bar order; names this UI does not know are left out. */
export function orderedActions(names: readonly string[]): PermitAction[] {
  return ACTION_ORDER.filter((action) => names.includes(action));
}

export function actionLabel(name: string): string {
  return isPermitAction(name) ? ACTIONS[name].label : name.replaceAll('_', ' ');
}

import { useState } from 'react';
import { useWriteIntent } from '@/lib/api/idempotency';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useTestWebhook,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from './api';

export type Outcome = { notice: string; error?: never } | { error: Error; notice?: never };

export type PendingAction = 'test' | 'rotate' | 'delete';

/**
 * What the webhooks page does with its endpoints: the dialog being edited (undefined closed, null
 * for a new endpoint), the secret to show once, and test, rotate and delete with their outcome. Tests
 * and rotations carry an Idempotency-Key per intent.
 */
export function useEndpointActions() {
  const test = useTestWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const testIntent = useWriteIntent();
  const rotateIntent = useWriteIntent();
  const [editing, setEditing] = useState<WebhookEndpoint | null | undefined>(undefined);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const pendingOf = (endpoint: WebhookEndpoint): PendingAction | null => {
    if (test.isPending && test.variables.id === endpoint.id) return 'test';
    if (rotate.isPending && rotate.variables.id === endpoint.id) return 'rotate';
    if (remove.isPending && remove.variables === endpoint.id) return 'delete';
    return null;
  };

  const failed = (failure: Error) => {
    setOutcome({ error: failure });
  };

  const testEndpoint = ({ id, url }: WebhookEndpoint) => {
    setOutcome(null);
    test.mutate(
      { id, idempotencyKey: testIntent.keyFor({ id }) },
      {
        onSuccess: () => {
          setOutcome({ notice: `Test ping queued for ${url}.` });
        },
        onError: failed,
        onSettled: (_data, failure) => {
          testIntent.settle(failure);
        },
      },
    );
  };

  const rotateSecret = ({ id }: WebhookEndpoint) => {
    setOutcome(null);
    rotate.mutate(
      { id, idempotencyKey: rotateIntent.keyFor({ id }) },
      {
        onSuccess: setSecret,
        onError: failed,
        onSettled: (_data, failure) => {
          rotateIntent.settle(failure);
        },
      },
    );
  };

  const deleteEndpoint = ({ id, url }: WebhookEndpoint) => {
    setOutcome(null);
    remove.mutate(id, {
      onSuccess: () => {
        setOutcome({ notice: `Endpoint ${url} deleted.` });
      },
      onError: failed,
    });
  };

  /** Opens the endpoint dialog on `endpoint` (null: a new one), clearing the last outcome. */
  const edit = (endpoint: WebhookEndpoint | null) => {
    setOutcome(null);
    setEditing(endpoint);
  };

  return {
    editing,
    secret,
    outcome,
    pendingOf,
    edit,
    testEndpoint,
    rotateSecret,
    deleteEndpoint,
    clearOutcome: () => {
      setOutcome(null);
    },
    closeEditor: () => {
      setEditing(undefined);
    },
    created: (endpoint: WebhookEndpointWithSecret) => {
      setEditing(undefined);
      setSecret(endpoint);
    },
    saved: (endpoint: WebhookEndpoint) => {
      setEditing(undefined);
      setOutcome({ notice: `Endpoint ${endpoint.url} saved.` });
    },
    closeSecret: () => {
      setSecret(null);
    },
  };
}

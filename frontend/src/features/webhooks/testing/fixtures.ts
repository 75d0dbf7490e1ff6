import type { Me } from '@/lib/session';
import { meBody, northPlant } from '@/test/session';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '../api';

/** The signed-in user as a project admin of North Plant. */
export function adminMe(): Me {
  return meBody({ memberships: [{ ...northPlant, role: 'project_admin' }] });
}

export function endpointFixture(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: 4,
    project: 1,
    url: 'https://hooks.acme.example/ptw',
    description: 'Maintenance system',
    events: ['permit.approved', 'permit.activated'],
    enabled: true,
    disabled_reason: '',
    disabled_at: null,
    failing_since: null,
    previous_secret_expires_at: null,
    created_at: '2026-11-20T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    version: 3,
    last_delivery: { status: 'succeeded', at: '2026-11-25T14:05:00Z', response_code: 200 },
    ...overrides,
  };
}

export function withSecret(endpoint: WebhookEndpoint, secret: string | null): WebhookEndpointWithSecret {
  return { ...endpoint, secret };
}

export function attemptFixture(overrides: Partial<WebhookAttempt> = {}): WebhookAttempt {
  return {
    number: 1,
    at: '2026-11-25T14:05:00Z',
    outcome: 'succeeded',
    finished_at: '2026-11-25T14:05:00Z',
    status_code: 200,
    latency_ms: 84,
    response_body: 'ok',
    error: '',
    succeeded: true,
    ...overrides,
  };
}

export function deliveryFixture(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: 11,
    message_id: 'msg_301',
    event_type: 'permit.approved',
    status: 'succeeded',
    attempts: 1,
    next_attempt_at: null,
    created_at: '2026-11-25T14:04:00Z',
    last_attempt_at: '2026-11-25T14:05:00Z',
    last_status_code: 200,
    body: '{"data":{"permit_number":"PTW-2026-000007"},"id":"msg_301","type":"permit.approved"}',
    attempt_log: [attemptFixture()],
    ...overrides,
  };
}

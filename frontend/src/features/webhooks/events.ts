import type { WebhookEvent } from './api';

/**
 * Every event of the schema's EventsEnum, in the server's order. A record rather than a list, so
 * the type check fails when the schema gains or loses an event and this is not updated with it.
 */
const EVENTS: Record<WebhookEvent, true> = {
  'permit.created': true,
  'permit.submitted': true,
  'permit.verified': true,
  'permit.rejected': true,
  'permit.approved': true,
  'permit.activated': true,
  'permit.suspended': true,
  'permit.resumed': true,
  'permit.handed_back': true,
  'permit.handback_refused': true,
  'permit.completed': true,
  'permit.cancelled': true,
  'permit.expired': true,
  'permit.extended': true,
  'gas_test.unsafe': true,
  'isolation.verified': true,
  'isolation.deisolated': true,
  'webhook.test': true,
};

export const WEBHOOK_EVENTS = Object.keys(EVENTS) as WebhookEvent[];


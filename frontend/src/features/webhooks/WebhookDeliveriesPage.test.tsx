import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentHeaders } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';
import type { Me } from '@/lib/session';
import { webhookDeliveriesUrl, webhookPath, type WebhookDelivery } from './api';
import { adminMe, attemptFixture, deliveryFixture, endpointFixture } from './testing/fixtures';

const FIRST_PAGE = webhookDeliveriesUrl(4, 1, 25);
const REDELIVER = `${webhookPath(4)}deliveries/12/redeliver/`;

const failed = deliveryFixture({
  id: 12,
  message_id: 'msg_302',
  event_type: 'gas_test.unsafe',
  status: 'failed',
  attempts: 2,
  last_attempt_at: '2026-11-25T15:10:00Z',
  last_status_code: 503,
  body: '{"data":{"reading":"LEL 12%"},"id":"msg_302","type":"gas_test.unsafe"}',
  attempt_log: [
    attemptFixture({ number: 1, at: '2026-11-25T15:00:00Z', outcome: 'failed', status_code: null, latency_ms: 15000, error: 'Timed out', response_body: '', succeeded: false }),
    attemptFixture({ number: 2, at: '2026-11-25T15:10:00Z', outcome: 'failed', status_code: 503, latency_ms: 41, response_body: 'x'.repeat(300), succeeded: false }),
  ],
});

function renderDeliveries({
  me = adminMe(),
  deliveries = [failed, deliveryFixture()],
  count = deliveries.length,
  routes = {},
}: { me?: Me; deliveries?: WebhookDelivery[]; count?: number; routes?: Record<string, () => Response> } = {}) {
  const fetchMock = mockFetch({
    ...sessionRoutes(me),
    [`GET ${webhookPath(4)}`]: () => jsonResponse(endpointFixture()),
    [`GET ${FIRST_PAGE}`]: () => jsonResponse({ count, next: null, previous: null, results: deliveries }),
    ...routes,
  });
  renderWithProviders(
    <>
      <AppRoutes />
      <LocationDisplay />
    </>,
    { route: '/webhooks/4/deliveries?project=1' },
  );
  return fetchMock;
}

async function deliveryRow(messageId: string) {
  const table = await screen.findByRole('table', { name: 'Deliveries' });
  const row = (await within(table).findByText(messageId)).closest('tr');
  if (row === null) throw new Error(`no row for ${messageId}`);
  return within(row);
}

describe('Webhook deliveries page', () => {
  it('lists the endpoint’s deliveries with their status and attempts', async () => {
    renderDeliveries();

    expect(await screen.findByRole('heading', { level: 1, name: 'Webhook deliveries' })).toBeInTheDocument();
    expect(await screen.findByText('https://hooks.acme.example/ptw')).toBeInTheDocument();
    const cells = (await deliveryRow('msg_302')).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells.slice(1)).toEqual([
      'gas_test.unsafemsg_302',
      'Failed2 attempts',
      '25 Nov 2026, 14:04',
      'HTTP 50325 Nov 2026, 15:10',
      '—',
      'Redeliver',
    ]);
    expect(screen.getByRole('link', { name: /All webhooks/ })).toHaveAttribute('href', '/webhooks?project=1');
  });

  it('opens a delivery on its body and attempt log', async () => {
    renderDeliveries();

    fireEvent.click((await deliveryRow('msg_302')).getByRole('button', { name: /expand row/i }));

    const attempts = await screen.findByRole('table', { name: 'Attempts of msg_302' });
    const rows = within(attempts)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['1', '25 Nov 2026, 15:00', 'Failed', '—', '15000', 'Timed out', '—'],
      ['2', '25 Nov 2026, 15:10', 'Failed', '503', '41', '—', `${'x'.repeat(200)}…`],
    ]);
    const body = screen.getByText(/"reading": "LEL 12%"/);
    expect(body.textContent).toBe(
      JSON.stringify({ data: { reading: 'LEL 12%' }, id: 'msg_302', type: 'gas_test.unsafe' }, null, 2),
    );
  });

  it('shows an attempt whose worker stopped, and one still in flight, apart from failures', async () => {
    const crashed = deliveryFixture({
      id: 13,
      message_id: 'msg_303',
      status: 'pending',
      attempts: 2,
      attempt_log: [
        attemptFixture({ number: 1, outcome: 'no_outcome', status_code: null, latency_ms: null, error: 'No outcome recorded (worker stopped)', response_body: '', succeeded: false }),
        attemptFixture({ number: 2, outcome: 'in_flight', finished_at: null, status_code: null, latency_ms: null, response_body: '', succeeded: false }),
      ],
    });
    renderDeliveries({ deliveries: [crashed] });

    fireEvent.click((await deliveryRow('msg_303')).getByRole('button', { name: /expand row/i }));

    const attempts = await screen.findByRole('table', { name: 'Attempts of msg_303' });
    const rows = within(attempts)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['1', '25 Nov 2026, 14:05', 'No outcome recorded (worker stopped)', '—', '—', 'No outcome recorded (worker stopped)', '—'],
      ['2', '25 Nov 2026, 14:05', 'In flight', '—', '—', '—', '—'],
    ]);
  });

  it('sends a delivery again with an idempotency key', async () => {
    const fetchMock = renderDeliveries({
      routes: { [`POST ${REDELIVER}`]: () => jsonResponse({ ...failed, status: 'pending', attempts: 0 }, 202) },
    });

    fireEvent.click((await deliveryRow('msg_302')).getByRole('button', { name: 'Redeliver: msg_302' }));

    expect(await screen.findByText('Delivery msg_302 queued again.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, 'POST', REDELIVER)[0] ?? [];
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the server’s refusal to send again', async () => {
    const refusal = { error: { code: 'endpoint_disabled', message: 'The endpoint is disabled; enable it first.' } };
    renderDeliveries({ routes: { [`POST ${REDELIVER}`]: () => jsonResponse(refusal, 409) } });

    fireEvent.click((await deliveryRow('msg_302')).getByRole('button', { name: 'Redeliver: msg_302' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The endpoint is disabled; enable it first.');
  });

  it('counts one delivery in the singular', async () => {
    renderDeliveries({ deliveries: [failed], count: 1 });

    expect(await screen.findByText('1 delivery')).toBeInTheDocument();
  });

  it('pages through the log on the server, in the address', async () => {
    const fetchMock = renderDeliveries({
      count: 30,
      routes: { [`GET ${webhookDeliveriesUrl(4, 2, 25)}`]: () => jsonResponse({ count: 30, next: null, previous: null, results: [deliveryFixture({ id: 40, message_id: 'msg_270' })] }) },
    });

    expect(await screen.findByText('30 deliveries')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('listitem', { name: '2' }));

    expect(await deliveryRow('msg_270')).toBeTruthy();
    expect(screen.getByTestId('location')).toHaveTextContent('/webhooks/4/deliveries?project=1&page=2&page_size=25');
    expect(callsTo(fetchMock, 'GET', webhookDeliveriesUrl(4, 2, 25))).toHaveLength(1);
  });

  it('shows a member the server’s refusal and no writes', async () => {
    const refusal = { error: { code: 'forbidden', message: 'Only a project admin may manage this project’s webhooks.' } };
    renderDeliveries({ me: meBody(), routes: { [`GET ${FIRST_PAGE}`]: () => jsonResponse(refusal, 403) } });

    expect(await screen.findByText('Only a project admin may manage this project’s webhooks.')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: /^Redeliver/ })).not.toBeInTheDocument();
    });
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';
import type { Me } from '@/lib/session';
import { webhookListUrl, webhookPath, type WebhookEndpoint } from './api';
import { WEBHOOK_EVENTS } from './events';
import { adminMe, endpointFixture, withSecret } from './testing/fixtures';

const LIST = webhookListUrl(1);
const CREATE = '/api/v1/ptw/webhooks/';
const SECRET = 'whsec_MfKQ9r8GKYqrTcPELkWaNw55TyvUjVRz';
const SECRET_TEXT =
  'Copy it now: PTW will not show it again. Receivers verify the webhook-signature header with it (Standard Webhooks).';

const healthy = endpointFixture();
const gone = endpointFixture({
  id: 5,
  url: 'https://old.example.org/hook',
  description: '',
  events: [...WEBHOOK_EVENTS],
  enabled: false,
  disabled_reason: 'gone',
  disabled_at: '2026-11-24T10:00:00Z',
  last_delivery: { status: 'failed', at: '2026-11-24T10:00:00Z', response_code: 410 },
});
const failing = endpointFixture({
  id: 6,
  url: 'https://flaky.example.net/in',
  description: '',
  events: ['gas_test.unsafe'],
  failing_since: '2026-11-23T08:30:00Z',
  last_delivery: null,
});

function renderPage({
  me = adminMe(),
  endpoints = [healthy],
  routes = {},
}: { me?: Me; endpoints?: WebhookEndpoint[]; routes?: Record<string, () => Response> } = {}) {
  const fetchMock = mockFetch({
    ...sessionRoutes(me),
    [`GET ${LIST}`]: () => jsonResponse(endpoints),
    ...routes,
  });
  renderWithProviders(<AppRoutes />, { route: '/webhooks?project=1' });
  return fetchMock;
}

async function endpointRow(url: string) {
  const table = await screen.findByRole('table', { name: 'Webhook endpoints' });
  const row = (await within(table).findByText(url)).closest('tr');
  if (row === null) throw new Error(`no row for ${url}`);
  return within(row);
}

function cells(row: Awaited<ReturnType<typeof endpointRow>>) {
  return row.getAllByRole('cell').map((cell) => cell.textContent);
}

/**
 * The signing secret dialog. Found by its title text, not its accessible name: under test antd gives
 * every generated id the value "test-id", so a popconfirm left in the page lends the dialog its name.
 */
function findSecretDialog() {
  return waitFor(() => {
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('Signing secret');
    return dialog;
  });
}

function formItem(label: string): HTMLElement {
  const item = screen.getByText(label, { selector: 'label' }).closest<HTMLElement>('.ant-form-item');
  if (item === null) throw new Error(`no form item ${label}`);
  return item;
}

describe('Webhooks page', () => {
  it('lists the endpoints with their events, state and last delivery in the project time zone', async () => {
    renderPage({ endpoints: [healthy, gone, failing] });

    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeInTheDocument();
    expect(cells(await endpointRow('https://hooks.acme.example/ptw')).slice(0, 4)).toEqual([
      'https://hooks.acme.example/ptwMaintenance system',
      'permit.approvedpermit.activated',
      'Enabled',
      'SucceededHTTP 20025 Nov 2026, 14:05',
    ]);
    expect(cells(await endpointRow('https://old.example.org/hook')).slice(1, 4)).toEqual([
      'permit.createdpermit.submitted+16 more',
      'Disabledreceiver answered 410 Gone',
      'FailedHTTP 41024 Nov 2026, 10:00',
    ]);
    expect(cells(await endpointRow('https://flaky.example.net/in')).slice(1, 4)).toEqual([
      'gas_test.unsafe',
      'Enabled failing since 23 Nov 2026, 08:30',
      'None yet',
    ]);
  });

  it.each([
    ['admin', 'by an admin'],
    ['failing', 'failing for 5 days'],
  ] as const)('says why an endpoint is disabled (%s)', async (reason, words) => {
    renderPage({ endpoints: [endpointFixture({ enabled: false, disabled_reason: reason })] });

    expect((await endpointRow('https://hooks.acme.example/ptw')).getByText(words)).toBeInTheDocument();
  });

  it('shows a member the endpoints read-only', async () => {
    renderPage({ me: meBody() });

    const row = await endpointRow('https://hooks.acme.example/ptw');
    expect(screen.getByText('Only a project admin can change this project’s webhooks; you can see them.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New endpoint' })).not.toBeInTheDocument();
    expect(row.queryByRole('button')).not.toBeInTheDocument();
    expect(row.queryByRole('link')).not.toBeInTheDocument();
  });

  it('offers a tenant admin the writes', async () => {
    renderPage({ me: meBody({ is_tenant_admin: true }) });

    const row = await endpointRow('https://hooks.acme.example/ptw');
    expect(row.getByRole('button', { name: 'Send test: https://hooks.acme.example/ptw' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New endpoint' })).toBeInTheDocument();
  });

  it('registers an endpoint with an idempotency key and shows its secret once', async () => {
    const created = withSecret(endpointFixture({ id: 9, url: 'https://erp.acme.example/ptw', version: 1 }), SECRET);
    const fetchMock = renderPage({ endpoints: [], routes: { [`POST ${CREATE}`]: () => jsonResponse(created, 201) } });

    fireEvent.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'New webhook endpoint' }));
    fireEvent.change(dialog.getByLabelText('URL'), { target: { value: ' https://erp.acme.example/ptw ' } });
    fireEvent.change(dialog.getByLabelText('Description'), { target: { value: 'ERP' } });
    const events = within(dialog.getByRole('group', { name: 'Events' }));
    fireEvent.click(events.getByRole('checkbox', { name: 'permit.approved' }));
    fireEvent.click(events.getByRole('checkbox', { name: 'gas_test.unsafe' }));
    expect(dialog.getByRole('switch', { name: 'Enabled' })).toBeChecked();
    fireEvent.click(dialog.getByRole('button', { name: 'Create' }));

    const secretDialog = await findSecretDialog();
    expect(within(secretDialog).getByText(SECRET)).toBeInTheDocument();
    expect(within(secretDialog).getByRole('button', { name: /copy/i })).toBeInTheDocument();
    expect(secretDialog).toHaveTextContent(SECRET_TEXT);
    const [, init] = callsTo(fetchMock, 'POST', CREATE)[0] ?? [];
    expect(sentBody(init)).toEqual({
      project: 1,
      url: 'https://erp.acme.example/ptw',
      description: 'ERP',
      events: ['permit.approved', 'gas_test.unsafe'],
      enabled: true,
    });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);

    fireEvent.click(within(secretDialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('selects every event at once', async () => {
    renderPage();

    fireEvent.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const events = within(await screen.findByRole('group', { name: 'Events' }));
    fireEvent.click(events.getByRole('checkbox', { name: 'Select all' }));

    for (const event of WEBHOOK_EVENTS) expect(events.getByRole('checkbox', { name: event })).toBeChecked();
  });

  it('shows the server’s refusal of the URL on the URL field', async () => {
    const refusal = {
      error: {
        code: 'invalid',
        message: 'Some fields are invalid.',
        fields: { url: ['10.0.0.5 resolves to a private, loopback or link-local address (10.0.0.5); PTW refuses it.'] },
      },
    };
    renderPage({ routes: { [`POST ${CREATE}`]: () => jsonResponse(refusal, 400) } });

    fireEvent.click(await screen.findByRole('button', { name: 'New endpoint' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'New webhook endpoint' }));
    fireEvent.change(dialog.getByLabelText('URL'), { target: { value: 'http://10.0.0.5/hook' } });
    fireEvent.click(dialog.getByRole('checkbox', { name: 'permit.created' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Create' }));

    await waitFor(() => {
      expect(formItem('URL')).toHaveTextContent('resolves to a private, loopback or link-local address');
    });
    expect(dialog.getByRole('alert')).toHaveTextContent('Some fields are invalid.');
    expect(dialog.getByRole('alert')).not.toHaveTextContent('url:');
  });

  it('saves only the changes with If-Match, and after a conflict shows what is saved now', async () => {
    const url = webhookPath(4);
    const current = endpointFixture({ description: 'Changed by Ian', version: 4 });
    let patches = 0;
    const fetchMock = renderPage({
      routes: {
        [`PATCH ${url}`]: () => {
          patches += 1;
          return patches === 1
            ? jsonResponse({ error: { code: 'version_conflict', message: 'Changed by someone else.', current } }, 409)
            : jsonResponse(endpointFixture({ enabled: false, disabled_reason: 'admin', version: 5 }));
        },
      },
    });

    fireEvent.click((await endpointRow('https://hooks.acme.example/ptw')).getByRole('button', { name: 'Edit: https://hooks.acme.example/ptw' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit webhook endpoint' }));
    expect(dialog.getByLabelText('URL')).toHaveValue('https://hooks.acme.example/ptw');
    expect(dialog.getByRole('checkbox', { name: 'permit.approved' })).toBeChecked();
    fireEvent.change(dialog.getByLabelText('Description'), { target: { value: 'Maintenance' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await dialog.findByText('Someone else changed this endpoint while you were editing.')).toBeInTheDocument();
    expect(dialog.getByLabelText('Description')).toHaveValue('Changed by Ian');
    const [, first] = callsTo(fetchMock, 'PATCH', url)[0] ?? [];
    expect(sentHeaders(first).get('If-Match')).toBe('"3"');
    expect(sentBody(first)).toEqual({ description: 'Maintenance' });

    fireEvent.click(dialog.getByRole('switch', { name: 'Enabled' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Endpoint https://hooks.acme.example/ptw saved.');
    const [, second] = callsTo(fetchMock, 'PATCH', url)[1] ?? [];
    expect(sentHeaders(second).get('If-Match')).toBe('"4"');
    expect(sentBody(second)).toEqual({ enabled: false });
  });

  it('queues a test ping, and shows the server’s refusal for a disabled endpoint', async () => {
    const url = `${webhookPath(4)}test/`;
    const refusal = { error: { code: 'endpoint_disabled', message: 'The endpoint is disabled; enable it first.' } };
    let answer = () => jsonResponse(refusal, 409);
    const fetchMock = renderPage({ routes: { [`POST ${url}`]: () => answer() } });

    const row = await endpointRow('https://hooks.acme.example/ptw');
    fireEvent.click(row.getByRole('button', { name: 'Send test: https://hooks.acme.example/ptw' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The endpoint is disabled; enable it first.');

    answer = () => jsonResponse({ id: 12, event_type: 'webhook.test', status: 'pending' }, 202);
    fireEvent.click(row.getByRole('button', { name: 'Send test: https://hooks.acme.example/ptw' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Test ping queued for https://hooks.acme.example/ptw.');
    const [[, first], [, second]] = callsTo(fetchMock, 'POST', url) as [[unknown, RequestInit], [unknown, RequestInit]];
    expect(sentHeaders(first).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(sentHeaders(second).get('Idempotency-Key')).not.toBe(sentHeaders(first).get('Idempotency-Key'));
  });

  it('rotates the secret after confirmation and shows the new one with the old one’s overlap', async () => {
    const url = `${webhookPath(4)}rotate-secret/`;
    const rotated = withSecret(endpointFixture({ previous_secret_expires_at: '2026-11-26T14:05:00Z', version: 4 }), SECRET);
    const fetchMock = renderPage({ routes: { [`POST ${url}`]: () => jsonResponse(rotated) } });

    fireEvent.click((await endpointRow('https://hooks.acme.example/ptw')).getByRole('button', { name: 'Rotate secret: https://hooks.acme.example/ptw' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate' }));

    const secretDialog = await findSecretDialog();
    expect(within(secretDialog).getByText(SECRET)).toBeInTheDocument();
    expect(secretDialog).toHaveTextContent(SECRET_TEXT);
    expect(secretDialog).toHaveTextContent('The previous secret keeps signing beside the new one until 26 Nov 2026, 14:05');
    const [, init] = callsTo(fetchMock, 'POST', url)[0] ?? [];
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says so when the secret was sent in an answer that never arrived', async () => {
    const url = `${webhookPath(4)}rotate-secret/`;
    renderPage({ routes: { [`POST ${url}`]: () => jsonResponse(withSecret(endpointFixture(), null)) } });

    fireEvent.click((await endpointRow('https://hooks.acme.example/ptw')).getByRole('button', { name: 'Rotate secret: https://hooks.acme.example/ptw' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate' }));

    const secretDialog = await findSecretDialog();
    expect(secretDialog).toHaveTextContent('Rotate the secret to get a new one.');
    expect(within(secretDialog).queryByRole('button', { name: /copy/i })).not.toBeInTheDocument();
  });

  it('deletes an endpoint after confirmation', async () => {
    const url = webhookPath(4);
    const fetchMock = renderPage({ routes: { [`DELETE ${url}`]: () => new Response(null, { status: 204 }) } });

    fireEvent.click((await endpointRow('https://hooks.acme.example/ptw')).getByRole('button', { name: 'Delete: https://hooks.acme.example/ptw' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Endpoint https://hooks.acme.example/ptw deleted.');
    expect(callsTo(fetchMock, 'DELETE', url)).toHaveLength(1);
  });

  it('links each endpoint to its deliveries, keeping the project', async () => {
    renderPage();

    const row = await endpointRow('https://hooks.acme.example/ptw');
    expect(row.getByRole('link', { name: 'Deliveries: https://hooks.acme.example/ptw' })).toHaveAttribute(
      'href',
      '/webhooks/4/deliveries?project=1',
    );
  });

  it('is in the Administration section of the navigation', async () => {
    renderPage();

    const navigation = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(navigation).getByRole('menuitem', { name: 'Webhooks' })).toBeInTheDocument();
  });
});

describe('Webhooks page on a phone', () => {
  it('shows each endpoint as a card of its columns, actions included', async () => {
    window.innerWidth = 390;
    renderPage({ endpoints: [healthy, failing] });

    const cards = await screen.findByRole('region', { name: 'Webhook endpoints' });
    await within(cards).findByText('https://flaky.example.net/in');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const card = within(cards).getByText('https://flaky.example.net/in').closest('.ant-card');
    if (!(card instanceof HTMLElement)) throw new Error('card missing');
    for (const title of ['URL', 'Events', 'State', 'Last delivery', 'Actions']) {
      expect(within(card).getByText(title)).toBeInTheDocument();
    }
    expect(within(card).getByText('gas_test.unsafe')).toBeInTheDocument();
    expect(within(cards).getAllByRole('button', { name: /Send test/ })).toHaveLength(2);
  });
});

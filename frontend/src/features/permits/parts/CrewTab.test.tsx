import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { Permit, PermitReadiness, ToolboxTalk, Worker } from '@/lib/api/models';
import { isoToWallClock, wallClockToIso } from '@/lib/time/zonedInput';
import { partsOpenIn, permitFixture, readinessFixture, typeFixture } from '@/test/permitFixtures';
import { toolboxTalkFixture, workerFixture } from '@/test/partFixtures';
import { CrewTab } from './CrewTab';
import { typeDateTime } from '@/test/pickers';

const WORKERS = '/api/v1/ptw/permits/7/workers/';
const TALK = '/api/v1/ptw/permits/7/toolbox-talk/';

const sam = workerFixture({
  id: 1,
  acknowledged_at: '2026-11-25T13:40:00Z',
  acknowledged_by: { id: 11, name: 'Ravi Menon' },
});
const lena = workerFixture({ id: 2, name: 'Lena Brandt', trade: 'Fitter' });

function renderTab({
  workers = [sam, lena],
  talk = toolboxTalkFixture(),
  readiness = readinessFixture(['activate', 'cancel']),
  readOnly = false,
  routes = {},
  permit = permitFixture({ status: 'approved' }),
}: {
  permit?: Permit;
  workers?: Worker[];
  talk?: ToolboxTalk;
  readiness?: PermitReadiness;
  readOnly?: boolean;
  routes?: Record<string, () => Response>;
} = {}) {
  const fetchMock = mockFetch({
    [`GET ${WORKERS}?page=1&page_size=100`]: () => jsonResponse(pageOf(workers)),
    [`GET ${TALK}`]: () => jsonResponse(talk),
    ...routes,
  });
  renderWithProviders(
    <CrewTab
      permit={permit}
      type={typeFixture({ requires_toolbox_talk: true, min_workers: 2 })}
      readiness={readiness}
      timeZone="Europe/London"
      readOnly={readOnly}
    />,
  );
  return fetchMock;
}

async function workerRow(name: string) {
  const table = await screen.findByRole('table', { name: 'Workers' });
  const row = (await within(table).findByText(name)).closest('tr');
  if (row === null) throw new Error(`no row for ${name}`);
  return within(row);
}

describe('CrewTab', () => {
  it('offers Acknowledge for a worker who has not acknowledged the talk, and records it', async () => {
    const url = `${WORKERS}2/acknowledge/`;
    const fetchMock = renderTab({
      routes: {
        [`POST ${url}`]: () =>
          jsonResponse({ ...lena, acknowledged_at: '2026-11-25T13:45:00Z', acknowledged_by: { id: 11, name: 'Ravi Menon' } }),
      },
    });

    const samRow = await workerRow('Sam Okafor');
    expect(samRow.getByText('Acknowledged')).toBeInTheDocument();
    expect(samRow.getByText('Acknowledged').closest('td')).toHaveTextContent(
      'Acknowledged25 Nov 2026, 13:40, recorded by Ravi Menon',
    );
    expect(screen.getByText('1 of 2 workers')).toBeInTheDocument();
    expect(samRow.queryByRole('button')).not.toBeInTheDocument();

    fireEvent.click((await workerRow('Lena Brandt')).getByRole('button', { name: 'Acknowledge: Lena Brandt' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', url)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', url)[0] ?? [];
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for the toolbox talk before anyone can acknowledge it', async () => {
    renderTab({ talk: toolboxTalkFixture({ held: false, held_at: null, held_by: null, topics: [], version: 1, acknowledged: 0 }), workers: [lena] });

    expect(await screen.findByText('The toolbox talk is not recorded yet.')).toBeInTheDocument();
    const acknowledge = (await workerRow('Lena Brandt')).getByRole('button', { name: 'Acknowledge: Lena Brandt' });
    expect(acknowledge).toBeDisabled();
    expect(acknowledge).toHaveAttribute('title', 'Record the toolbox talk first.');
  });

  it('records the talk with its topics, sending If-Match', async () => {
    const fresh = toolboxTalkFixture({ held: false, held_at: null, held_by: null, topics: [], version: 1, acknowledged: 0 });
    const fetchMock = renderTab({
      talk: fresh,
      routes: { [`PUT ${TALK}`]: () => jsonResponse(toolboxTalkFixture({ version: 2 })) },
    });

    const topics = await screen.findByRole('combobox', { name: 'Topics' });
    fireEvent.mouseDown(topics);
    fireEvent.click(await screen.findByTitle('Fire watch'));
    const heldAt = isoToWallClock(new Date(Date.now() - 3_600_000).toISOString(), 'Europe/London');
    typeDateTime(screen.getByLabelText(/^Held at/), heldAt);
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'Both welders briefed.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record toolbox talk' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Toolbox talk saved.');
    const [, init] = callsTo(fetchMock, 'PUT', TALK)[0] ?? [];
    expect(sentHeaders(init).get('If-Match')).toBe('"1"');
    expect(sentBody(init)).toEqual({
      held_at: wallClockToIso(heldAt, 'Europe/London'),
      topics: ['Fire watch'],
      notes: 'Both welders briefed.',
    });
  });

  it('adds a worker with an idempotency key', async () => {
    const fetchMock = renderTab({ routes: { [`POST ${WORKERS}`]: () => jsonResponse(workerFixture({ id: 3 }), 201) } });

    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: ' Omar Haddad ' } });
    fireEvent.change(screen.getByLabelText('Company'), { target: { value: 'Acme Site Services' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add worker' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', WORKERS)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', WORKERS)[0] ?? [];
    expect(sentBody(init)).toEqual({ name: 'Omar Haddad', company: 'Acme Site Services', trade: '', competency: '' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers no writes to someone the server does not let keep the crew', async () => {
    const readiness = readinessFixture([], {
      activate: [{ code: 'not_permitted', message: 'Only the requester or the issuer of this permit may do this.' }],
    });
    renderTab({ readiness });

    await workerRow('Lena Brandt');
    expect(screen.getByText('Only the requester or the issuer of this permit may do this.')).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText('Not yet')).toBeInTheDocument();
  });

  it('offers no writes when the server says the crew is closed, whatever the status', async () => {
    renderTab({ permit: permitFixture({ status: 'approved', parts_open: { ...partsOpenIn('approved'), crew: false } }) });

    await workerRow('Lena Brandt');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByLabelText('Topics')).not.toBeInTheDocument();
  });

  it('offers a viewer no writes', async () => {
    renderTab({ readOnly: true });

    await workerRow('Lena Brandt');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByLabelText('Topics')).not.toBeInTheDocument();
  });
});

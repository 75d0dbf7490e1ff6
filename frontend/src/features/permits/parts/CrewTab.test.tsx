import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
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
  sign_on: {
    at: '2026-11-25T13:40:00Z',
    received_at: '2026-11-25T13:40:02Z',
    method: 'drawn',
    taken_by: { id: 11, name: 'Ravi Menon' },
    device: 'Android 14, Chrome/131, mobile',
  },
});
const old = workerFixture({
  id: 3,
  name: 'Omar Haddad',
  acknowledged_at: '2026-11-25T13:35:00Z',
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
  withLocation = false,
}: {
  withLocation?: boolean;
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
    <>
      {withLocation && <LocationDisplay />}
      <CrewTab
      permit={permit}
      type={typeFixture({ requires_toolbox_talk: true, min_workers: 2 })}
      readiness={readiness}
      timeZone="Europe/London"
      readOnly={readOnly}
      />
    </>,
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
  it("shows each worker's sign-on, and opens the crew sign-on screen", async () => {
    renderTab({ workers: [sam, lena, old], withLocation: true });

    const samRow = await workerRow('Sam Okafor');
    expect(samRow.getByText('Signed on').closest('td')).toHaveTextContent(
      "Signed on25 Nov 2026, 13:40, drawn signature, on Ravi Menon's device (Android 14, Chrome/131, mobile)",
    );
    expect((await workerRow('Omar Haddad')).getByText('Acknowledged').closest('td')).toHaveTextContent(
      'Acknowledged25 Nov 2026, 13:35, recorded by Ravi Menon',
    );
    expect((await workerRow('Lena Brandt')).getByText('Waiting to sign on')).toBeInTheDocument();
    expect(screen.getByText('1 of 2 workers')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Acknowledge/ })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Crew sign-on' }));
    expect(await screen.findByTestId('location')).toHaveTextContent('/permits/7/sign-on');
  });

  it('asks for the toolbox talk before the crew can sign on', async () => {
    renderTab({
      talk: toolboxTalkFixture({ held: false, held_at: null, held_by: null, topics: [], version: 1, signed_on: 0, sign_on_statement: '' }),
      workers: [lena],
    });

    expect(await screen.findByText('The toolbox talk is not recorded yet.')).toBeInTheDocument();
    expect(await screen.findByText('Record the toolbox talk, then hand this device round for crew sign-on.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Crew sign-on' })).not.toBeInTheDocument();
  });

  it('records the talk with its topics, sending If-Match', async () => {
    const fresh = toolboxTalkFixture({ held: false, held_at: null, held_by: null, topics: [], version: 1, signed_on: 0 });
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

  it('keeps the whole form closed while a worker is being added, so nothing typed for the next one is cleared', async () => {
    let answer: (response: Response) => void = () => undefined;
    const added = new Promise<Response>((resolve) => {
      answer = resolve;
    });
    renderTab({ routes: { [`POST ${WORKERS}`]: () => added as unknown as Response } });

    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Omar Haddad' } });
    fireEvent.change(screen.getByLabelText('Company'), { target: { value: 'Acme Site Services' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add worker' }));

    await waitFor(() => {
      expect(screen.getByLabelText('Name')).toBeDisabled();
    });
    expect(screen.getByLabelText('Company')).toBeDisabled();
    answer(jsonResponse(workerFixture({ id: 3, name: 'Omar Haddad' }), 201));
    await waitFor(() => {
      expect(screen.getByLabelText('Name')).toBeEnabled();
    });
    expect(screen.getByLabelText('Name')).toHaveValue('');
    expect(screen.getByLabelText('Company')).toHaveValue('Acme Site Services');
  });

  it('adds a worker picked from the competency register, so their certificates count', async () => {
    const ana = { id: 9, project: 1, name: 'Ana Ropes', company: 'Ropes Ltd', id_number: 'RL-7', created_at: '2026-11-01T08:00:00Z', version: 1 };
    const fetchMock = renderTab({
      routes: {
        '/api/v1/ptw/competency/workers/?q=&page_size=20': () => jsonResponse(pageOf([ana])),
        '/api/v1/ptw/competency/workers/?q=ana&page_size=20': () => jsonResponse(pageOf([ana])),
        [`POST ${WORKERS}`]: () => jsonResponse(workerFixture({ id: 3, name: 'Ana Ropes' }), 201),
      },
    });

    const picker = await screen.findByLabelText('From the competency register');
    fireEvent.mouseDown(picker);
    fireEvent.change(picker, { target: { value: 'ana' } });
    fireEvent.click(await screen.findByText('Ana Ropes (Ropes Ltd, RL-7)'));
    await waitFor(() => {
      expect(screen.getByLabelText('Name')).toHaveValue('Ana Ropes');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add worker' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', WORKERS)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', WORKERS)[0] ?? [];
    expect(sentBody(init)).toEqual({ worker: 9, trade: '', competency: '' });
  });

  it('offers no writes to someone the server does not let keep the crew', async () => {
    const readiness = readinessFixture([], {
      activate: [{ code: 'not_permitted', message: 'Only the requester or the issuer of this permit may do this.' }],
    });
    renderTab({ readiness });

    await workerRow('Lena Brandt');
    expect(screen.getByText('Only the requester or the issuer of this permit may do this.')).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByText('Waiting to sign on')).toBeInTheDocument();
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

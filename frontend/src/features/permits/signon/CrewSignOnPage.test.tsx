import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import type { SignOnSummary, ToolboxTalk, Worker } from '@/lib/api/models';
import { callsTo, jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { toolboxTalkFixture, workerFixture } from '@/test/partFixtures';
import { permitFixture } from '@/test/permitFixtures';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import { permitKeys } from '@/lib/api/keys';
import { signOnBody, useWorkers } from '../api/crew';
import { DRAWN_PNG, FakeResizeObserver, lastPad } from '../testing/signaturePad';

vi.mock('signature_pad', () => import('../testing/signaturePad'));

const PERMIT = '/api/v1/ptw/permits/7/';
const WORKERS = `${PERMIT}workers/`;
const LENA_SIGN_ON = `${WORKERS}2/sign-on/`;

const samSignOn: SignOnSummary = {
  at: '2026-11-25T13:40:00Z',
  received_at: '2026-11-25T13:40:02Z',
  method: 'typed',
  taken_by: { id: 11, name: 'Ravi Menon' },
  device: '',
};
const sam = workerFixture({ id: 1, sign_on: samSignOn });
const lena = workerFixture({ id: 2, name: 'Lena Brandt', company: 'Northwind Mechanical' });
const lenaSigned: Worker = {
  ...lena,
  sign_on: { ...samSignOn, at: '2026-11-25T13:52:00Z', method: 'drawn' },
  version: 2,
};

function renderPage({ talk = toolboxTalkFixture(), signed = false } = {}) {
  let lenaDone = signed;
  const fetchMock = mockFetch({
    ...sessionRoutes(),
    [PERMIT]: () => jsonResponse(permitFixture({ status: 'approved', version: 4 })),
    [`${PERMIT}toolbox-talk/`]: () => jsonResponse(talk),
    [`${WORKERS}?page=1&page_size=100`]: () => jsonResponse(pageOf([sam, lenaDone ? lenaSigned : lena])),
    [`POST ${LENA_SIGN_ON}`]: () => {
      lenaDone = true;
      return jsonResponse(lenaSigned, 201);
    },
  });
  renderWithProviders(<AppRoutes />, { route: '/permits/7/sign-on?project=1' });
  return fetchMock;
}

async function crewList() {
  return within(await screen.findByRole('list', { name: 'Crew' }));
}

/** What the page's own read of the crew last came to: seen once the page has been told of it too. */
function CrewReadStatus() {
  return <output>crew read: {useWorkers(7).status}</output>;
}

describe('CrewSignOnPage', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  });

  it("shows the server's statement and who has signed on", async () => {
    renderPage();

    const crew = await crewList();
    expect(screen.getByRole('heading', { name: 'Crew sign-on' })).toBeInTheDocument();
    expect(screen.getByText(/Hazards: Hot work near the tank farm\./)).toBeInTheDocument();
    expect(screen.getByText(/Topics: Hazards of the work; Fire watch\./)).toBeInTheDocument();
    expect(crew.getByText('Signed on 25 Nov 2026, 13:40')).toBeInTheDocument();
    expect(crew.getByRole('button', { name: 'Sign on: Lena Brandt' })).toHaveTextContent('Waiting');
    expect(crew.queryByRole('button', { name: 'Sign on: Sam Okafor' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Crew (1 of 2 signed on)' })).toBeInTheDocument();
  });

  it('lets a worker confirm and sign by typing their name, then hands back to the list', async () => {
    const fetchMock = renderPage();

    fireEvent.click((await crewList()).getByRole('button', { name: 'Sign on: Lena Brandt' }));
    expect(
      screen.getByText(
        'I, Lena Brandt of Northwind Mechanical, attended the toolbox talk and understood the hazards and precautions above.',
      ),
    ).toBeInTheDocument();
    const signButton = screen.getByRole('button', { name: 'Sign on' });
    expect(signButton).toBeDisabled();
    fireEvent.click(screen.getByText('Type name'));
    fireEvent.change(screen.getByLabelText(/Type your full name/), { target: { value: 'Lena Brant' } });
    expect(screen.getByText('The name must be Lena Brandt, as on the permit.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Type your full name/), { target: { value: ' lena  brandt ' } });
    expect(signButton).toBeDisabled();
    fireEvent.click(screen.getByRole('checkbox', { name: 'I confirm the statement above' }));
    expect(signButton).toBeEnabled();
    fireEvent.click(signButton);

    expect(await screen.findByRole('status')).toHaveTextContent('Lena Brandt signed on. Hand the device to the next worker.');
    const [, init] = callsTo(fetchMock, 'POST', LENA_SIGN_ON)[0] ?? [];
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    const body = sentBody(init) as Record<string, unknown>;
    expect(body).toMatchObject({ method: 'typed', data: 'lena  brandt', statement_confirmed: true, permit_version: 4 });
    expect(Date.parse(String(body.signed_at))).not.toBeNaN();
    expect(typeof body.device).toBe('string');
    expect(body).not.toHaveProperty('statement');
    await waitFor(async () => {
      expect((await crewList()).getByText('Signed on 25 Nov 2026, 13:52')).toBeInTheDocument();
    });
    expect(screen.getByText('Every worker has signed on.')).toBeInTheDocument();
  });

  it('keeps a worker half-way through signing on screen when a later read of the crew fails', async () => {
    let crewAnswer = () => jsonResponse(pageOf([sam, lena]));
    mockFetch({
      ...sessionRoutes(),
      [PERMIT]: () => jsonResponse(permitFixture({ status: 'approved', version: 4 })),
      [`${PERMIT}toolbox-talk/`]: () => jsonResponse(toolboxTalkFixture()),
      [`${WORKERS}?page=1&page_size=100`]: () => crewAnswer(),
    });
    const { queryClient } = renderWithProviders(
      <>
        <AppRoutes />
        <CrewReadStatus />
      </>,
      { route: '/permits/7/sign-on?project=1' },
    );
    fireEvent.click((await crewList()).getByRole('button', { name: 'Sign on: Lena Brandt' }));
    fireEvent.click(screen.getByText('Type name'));
    fireEvent.change(screen.getByLabelText(/Type your full name/), { target: { value: 'Lena Brandt' } });

    crewAnswer = () => jsonResponse({ error: { code: 'unavailable', message: 'No signal.' } }, 503);
    await queryClient.refetchQueries({ queryKey: permitKeys.workers(7) });
    expect(await screen.findByText('crew read: error')).toBeInTheDocument();

    expect(screen.queryByText('No signal.')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Type your full name/)).toHaveValue('Lena Brandt');
  });

  it('sends a drawn signature as the pad gives it', async () => {
    const fetchMock = renderPage();

    fireEvent.click((await crewList()).getByRole('button', { name: 'Sign on: Lena Brandt' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'I confirm the statement above' }));
    expect(screen.getByRole('button', { name: 'Sign on' })).toBeDisabled();
    act(() => {
      lastPad().stroke();
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign on' }));

    await screen.findByRole('status');
    const [, init] = callsTo(fetchMock, 'POST', LENA_SIGN_ON)[0] ?? [];
    expect(sentBody(init)).toMatchObject({ method: 'drawn', data: DRAWN_PNG, statement_confirmed: true });
  });

  it('goes back to the crew without signing', async () => {
    const fetchMock = renderPage();

    fireEvent.click((await crewList()).getByRole('button', { name: 'Sign on: Lena Brandt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to the crew' }));

    expect((await crewList()).getByRole('button', { name: 'Sign on: Lena Brandt' })).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST', LENA_SIGN_ON)).toHaveLength(0);
  });

  it('asks for the toolbox talk first', async () => {
    const talk: ToolboxTalk = toolboxTalkFixture({ held: false, held_at: null, held_by: null, sign_on_statement: '' });
    renderPage({ talk });

    expect(await screen.findByText('The toolbox talk is not recorded yet')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Crew' })).not.toBeInTheDocument();
  });
});

describe('signOnBody', () => {
  it('carries the device time, the device and the permit version, never the statement', () => {
    const body = signOnBody(
      { signature: { method: 'typed', data: 'Lena Brandt' }, statementConfirmed: true },
      { signedAt: new Date('2026-11-25T13:52:00Z'), device: 'x'.repeat(250), permitVersion: 4 },
    );
    expect(body).toEqual({
      method: 'typed',
      data: 'Lena Brandt',
      statement_confirmed: true,
      signed_at: '2026-11-25T13:52:00.000Z',
      device: 'x'.repeat(200),
      permit_version: 4,
    });
  });
});

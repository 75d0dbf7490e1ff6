import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { PermitIsolation } from '@/lib/api/models';
import { permitFixture, readinessFixture } from '@/test/permitFixtures';
import { isolationFixture } from '@/test/partFixtures';
import { nextStep } from '@/lib/permits/isolation';
import { IsolationsTab } from './IsolationsTab';

const BASE = '/api/v1/ptw/permits/7/isolations/';
const ISSUER = { id: 21, name: 'Isabel Clarke' };
const ISSUER2 = { id: 22, name: 'Ian Fraser' };

const assigned = isolationFixture({ id: 1, name: 'MCC-3 breaker 7', locks_required: 2 });
const isolated = isolationFixture({
  id: 2,
  name: 'Steam valve V-12',
  energy_type: 'thermal',
  status: 'isolated',
  lock_numbers: ['L-2001'],
  isolated_by: ISSUER,
  isolated_at: '2026-11-25T14:10:00Z',
});
const verified = isolationFixture({
  ...isolated,
  id: 3,
  name: 'Hydraulic pack HP-1',
  status: 'verified',
  lock_numbers: ['L-3001'],
  verified_by: ISSUER2,
  verified_at: '2026-11-25T14:20:00Z',
  allowed_actions: ['deisolate'],
});
const deisolated = isolationFixture({
  ...verified,
  id: 4,
  name: 'Air line A-4',
  status: 'deisolated',
  deisolated_by: ISSUER,
  deisolated_at: '2026-11-25T16:00:00Z',
  allowed_actions: [],
});

function renderTab(routes: Record<string, () => Response> = {}, { readOnly = false, isolations = [assigned, isolated, verified, deisolated] } = {}) {
  const fetchMock = mockFetch({
    [`GET ${BASE}`]: () => jsonResponse(isolations),
    'GET /api/v1/ptw/isolation-points/?project=1&status=active': () => jsonResponse([]),
    ...routes,
  });
  const rendered = renderWithProviders(
    <IsolationsTab
      permit={permitFixture({ status: 'under_review' })}
      readiness={readinessFixture(['approve'])}
      timeZone="Europe/London"
      readOnly={readOnly}
    />,
  );
  return { fetchMock, ...rendered };
}

async function card(name: string) {
  return within(await screen.findByRole('region', { name }));
}

describe('the next step of an isolation', () => {
  it('goes apply → verify → de-isolate → reinstate, and ends there', () => {
    expect(nextStep('assigned')).toEqual({ step: 'isolate', label: 'Apply' });
    expect(nextStep('isolated')).toEqual({ step: 'verify', label: 'Verify' });
    expect(nextStep('verified')).toEqual({ step: 'deisolate', label: 'De-isolate' });
    expect(nextStep('deisolated')).toEqual({ step: 'reinstate', label: 'Confirm reinstated' });
    expect(nextStep('reinstated')).toBeNull();
  });
});

describe('IsolationsTab', () => {
  it('offers each isolation its next step only, with who applied and verified it', async () => {
    renderTab();

    const buttons = async (name: string) => (await card(name)).queryAllByRole('button').map((button) => button.textContent);
    expect(await buttons('MCC-3 breaker 7')).toEqual(['Apply']);
    expect(await buttons('Steam valve V-12')).toEqual(['Verify']);
    expect(await buttons('Hydraulic pack HP-1')).toEqual(['De-isolate']);
    expect(await buttons('Air line A-4')).toEqual([]);

    const hydraulic = await card('Hydraulic pack HP-1');
    expect(hydraulic.getByText('Verified', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(hydraulic.getByText('L-3001')).toBeInTheDocument();
    expect(hydraulic.getByText('Isabel Clarke')).toBeInTheDocument();
    expect(hydraulic.getByText('Ian Fraser')).toBeInTheDocument();
    expect(hydraulic.getByText('25 Nov 2026, 14:20')).toBeInTheDocument();
  });

  it('offers no step the server does not allow the caller, such as verifying an isolation they applied', async () => {
    renderTab({}, { isolations: [{ ...isolated, allowed_actions: ['deisolate'] }, { ...verified, allowed_actions: [] }] });

    expect((await card('Steam valve V-12')).queryByRole('button', { name: /Verify/ })).not.toBeInTheDocument();
    expect((await card('Hydraulic pack HP-1')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('asks for exactly as many distinct lock numbers as the point needs, then applies them', async () => {
    const { fetchMock } = renderTab({
      [`POST ${BASE}1/isolate/`]: () => jsonResponse({ ...assigned, status: 'isolated', lock_numbers: ['L-1', 'L-2'] }),
    });

    fireEvent.click((await card('MCC-3 breaker 7')).getByRole('button', { name: 'Apply: MCC-3 breaker 7' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Apply isolation — MCC-3 breaker 7' }));
    expect(dialog.getAllByRole('textbox')).toHaveLength(2);
    fireEvent.change(dialog.getByLabelText('Lock number 1'), { target: { value: 'L-1' } });
    fireEvent.change(dialog.getByLabelText('Lock number 2'), { target: { value: ' L-1 ' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Apply' }));

    expect((await dialog.findAllByText('This number is given twice.')).length).toBeGreaterThan(0);
    expect(callsTo(fetchMock, 'POST', `${BASE}1/isolate/`)).toHaveLength(0);

    fireEvent.change(dialog.getByLabelText('Lock number 2'), { target: { value: ' L-2 ' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Apply' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', `${BASE}1/isolate/`)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', `${BASE}1/isolate/`)[0] ?? [];
    expect(sentBody(init)).toEqual({ lock_numbers: ['L-1', 'L-2'] });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    // The dialog closes (jsdom never ends antd's leave animation, so it stays in the document).
    await waitFor(() => {
      expect(screen.getByRole('dialog')).toHaveClass('ant-zoom-leave');
    });
  });

  it('keeps the dialog open on a lock in use and sends the corrected numbers under a new key', async () => {
    let answer = () =>
      jsonResponse(
        {
          error: {
            code: 'lock_in_use',
            message: 'Lock L-9 is already on a live isolation.',
            fields: { lock_numbers: ['In use: L-9.'] },
          },
        },
        409,
      );
    const { fetchMock } = renderTab({ [`POST ${BASE}1/isolate/`]: () => answer() }, { isolations: [{ ...assigned, locks_required: 1 }] });

    fireEvent.click((await card('MCC-3 breaker 7')).getByRole('button', { name: 'Apply: MCC-3 breaker 7' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Lock number'), { target: { value: 'L-9' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Apply' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent('Lock L-9 is already on a live isolation.');
    expect(dialog.getByText('In use: L-9.')).toBeInTheDocument();
    answer = () => jsonResponse({ ...assigned, status: 'isolated', lock_numbers: ['L-10'] } satisfies PermitIsolation);
    fireEvent.change(dialog.getByLabelText('Lock number'), { target: { value: 'L-10' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Apply' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', `${BASE}1/isolate/`)).toHaveLength(2);
    });
    const [first, second] = callsTo(fetchMock, 'POST', `${BASE}1/isolate/`).map(([, init]) => init);
    expect(sentBody(second)).toEqual({ lock_numbers: ['L-10'] });
    expect(sentHeaders(first).get('Idempotency-Key')).not.toBe(sentHeaders(second).get('Idempotency-Key'));
  });

  it('shows the separation-of-duties refusal on the isolation whose verification was refused', async () => {
    const refusal = {
      error: {
        code: 'forbidden',
        message: 'An isolation is verified by someone other than the person who applied it.',
        missing: [{ code: 'separation_of_duties', message: 'You applied this isolation, so you cannot verify it.' }],
      },
    };
    const { fetchMock } = renderTab({ [`POST ${BASE}2/verify/`]: () => jsonResponse(refusal, 403) });

    fireEvent.click((await card('Steam valve V-12')).getByRole('button', { name: 'Verify: Steam valve V-12' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Verify' }));

    const steam = await card('Steam valve V-12');
    const alert = await steam.findByRole('alert');
    expect(alert).toHaveTextContent('An isolation is verified by someone other than the person who applied it.');
    expect(alert).toHaveTextContent('You applied this isolation, so you cannot verify it.');
    const [, init] = callsTo(fetchMock, 'POST', `${BASE}2/verify/`)[0] ?? [];
    expect(sentBody(init)).toEqual({});
    expect((await card('MCC-3 breaker 7')).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('adds an ad-hoc isolation', async () => {
    const { fetchMock } = renderTab({ [`POST ${BASE}`]: () => jsonResponse(isolationFixture({ id: 9 }), 201) }, { isolations: [] });

    expect(await screen.findByText('No isolations on this permit.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('radio', { name: 'Ad hoc' }));
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'Welding set isolator WS-4' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Energy' }));
    fireEvent.click(await screen.findByTitle('Electrical'));
    fireEvent.click(screen.getByRole('button', { name: 'Add isolation' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', BASE)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', BASE)[0] ?? [];
    expect(sentBody(init)).toEqual({ name: 'Welding set isolator WS-4', energy_type: 'electrical', locks_required: 1 });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('offers a viewer no step and no way to add', async () => {
    renderTab({}, { readOnly: true });

    await card('MCC-3 breaker 7');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByText('Add an isolation')).not.toBeInTheDocument();
  });
});

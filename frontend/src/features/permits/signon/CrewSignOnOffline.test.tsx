import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { recordsOf } from '@/lib/offline/records';
import { sendPendingRecords } from '@/lib/offline/send';
import { callsTo, jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { toolboxTalkFixture, workerFixture } from '@/test/partFixtures';
import { permitFixture } from '@/test/permitFixtures';
import { renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';
import { FakeResizeObserver } from '../testing/signaturePad';

vi.mock('signature_pad', () => import('../testing/signaturePad'));

const PERMIT = '/api/v1/ptw/permits/7/';
const LENA_SIGN_ON = `${PERMIT}workers/2/sign-on/`;
const USER = 73;

describe('CrewSignOnPage without signal', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  });

  it('keeps a sign-on on the device with the time signed and the permit version shown, and sends it later', async () => {
    const lena = workerFixture({ id: 2, name: 'Lena Brandt', company: 'Northwind Mechanical' });
    const fetchMock = mockFetch({
      ...sessionRoutes(meBody({ id: USER })),
      [PERMIT]: () => jsonResponse(permitFixture({ status: 'approved', version: 4 })),
      [`${PERMIT}toolbox-talk/`]: () => jsonResponse(toolboxTalkFixture()),
      [`${PERMIT}workers/?page=1&page_size=100`]: () => jsonResponse(pageOf([lena])),
      [`POST ${LENA_SIGN_ON}`]: () => jsonResponse(lena, 201),
    });
    renderWithProviders(<AppRoutes />, { route: '/permits/7/sign-on?project=1' });
    const crew = within(await screen.findByRole('list', { name: 'Crew' }));
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const signedFrom = Date.now();

    fireEvent.click(crew.getByRole('button', { name: 'Sign on: Lena Brandt' }));
    fireEvent.click(screen.getByText('Type name'));
    fireEvent.change(screen.getByLabelText(/Type your full name/), { target: { value: 'Lena Brandt' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'I confirm the statement above' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign on' }));

    expect(
      await screen.findByText(
        'Lena Brandt signed on: Saved on this device — will be sent when signal returns. Hand the device to the next worker.',
      ),
    ).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST', LENA_SIGN_ON)).toHaveLength(0);
    // The worker is not offered again: their sign-on waits on the device.
    const kept = within(await screen.findByRole('list', { name: 'Crew' }));
    expect(await kept.findByText('Signed on: saved on this device')).toBeInTheDocument();
    expect(kept.queryByRole('button', { name: 'Sign on: Lena Brandt' })).not.toBeInTheDocument();
    const [record] = await recordsOf(USER);
    expect(record).toMatchObject({ kind: 'sign-on', permitVersion: 4, status: 'pending', summary: 'Lena Brandt' });
    expect(Date.parse(String(record?.body.signed_at))).toBeGreaterThanOrEqual(signedFrom);

    onLine.mockReturnValue(true);
    await sendPendingRecords(USER, { force: true });
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', LENA_SIGN_ON)).toHaveLength(1);
    });
    const [[, init]] = callsTo(fetchMock, 'POST', LENA_SIGN_ON) as [[unknown, RequestInit]];
    expect(sentHeaders(init).get('Idempotency-Key')).toBe(record?.idempotencyKey);
    expect(sentBody(init)).toEqual({
      method: 'typed',
      data: 'Lena Brandt',
      statement_confirmed: true,
      signed_at: record?.body.signed_at,
      device: record?.body.device,
      permit_version: 4,
    });
    expect((await recordsOf(USER))[0]?.status).toBe('sent');
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { recordsOf } from '@/lib/offline/records';
import { sendPendingRecords } from '@/lib/offline/send';
import type { PermitEvent } from '@/lib/api/models';
import { callsTo, jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { permitFixture } from '@/test/permitFixtures';
import { renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';

const PERMIT = '/api/v1/ptw/permits/7/';
const COMMENTS = `${PERMIT}comments/`;
const USER = 74;

const CREATED: PermitEvent = {
  id: 101,
  seq: 1,
  action: 'create',
  from_status: '',
  to_status: 'draft',
  actor: { id: USER, name: 'Ravi Menon' },
  at: '2026-11-25T08:00:00Z',
  comment: '',
  changes: {},
  request_id: '',
  prev_hash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};

describe('A comment without signal', () => {
  it('is kept on the device with the time it was written and the permit version shown, and sent later', async () => {
    const fetchMock = mockFetch({
      ...sessionRoutes(meBody({ id: USER })),
      [PERMIT]: () => jsonResponse(permitFixture({ status: 'active', version: 6 })),
      [`${PERMIT}events/?page=1&page_size=100`]: () => jsonResponse(pageOf([CREATED])),
      [`POST ${COMMENTS}`]: () => jsonResponse({ ...CREATED, id: 102, seq: 2, action: 'comment' }, 201),
    });
    renderWithProviders(<AppRoutes />, { route: '/permits/7?project=1' });
    fireEvent.click(await screen.findByRole('tab', { name: /Timeline/ }));
    const box = await screen.findByLabelText('Add a comment');
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const writtenFrom = Date.now();

    fireEvent.change(box, { target: { value: 'Barrier moved to the east side.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add comment' }));

    expect(await screen.findByText('Saved on this device — will be sent when signal returns.')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST', COMMENTS)).toHaveLength(0);
    const [kept] = await recordsOf(USER);
    expect(kept).toMatchObject({ kind: 'comment', permitVersion: 6, status: 'pending' });
    expect(Date.parse(String(kept?.body.written_at))).toBeGreaterThanOrEqual(writtenFrom);

    onLine.mockReturnValue(true);
    await sendPendingRecords(USER, { force: true });
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', COMMENTS)).toHaveLength(1);
    });
    const [[, init]] = callsTo(fetchMock, 'POST', COMMENTS) as [[unknown, RequestInit]];
    expect(sentHeaders(init).get('Idempotency-Key')).toBe(kept?.idempotencyKey);
    expect(sentBody(init)).toEqual({
      text: 'Barrier moved to the east side.',
      written_at: kept?.body.written_at,
      permit_version: 6,
    });
    expect((await recordsOf(USER))[0]?.status).toBe('sent');
    onLine.mockRestore();
  });
});

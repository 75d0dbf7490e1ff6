import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { Closeout, Permit, PermitReadiness } from '@/lib/api/models';
import { partsOpenIn, permitFixture, readinessFixture } from '@/test/permitFixtures';
import { closeoutFixture } from '@/test/partFixtures';
import { meQueryKey, permitKeys } from '@/lib/api/keys';
import { recordsOf } from '@/lib/offline/records';
import { meBody } from '@/test/session';
import { CloseoutTab } from './CloseoutTab';

const URL = '/api/v1/ptw/permits/7/closeout/';

function renderTab({
  closeout = closeoutFixture(),
  put = () => jsonResponse(closeoutFixture({ version: 4 })),
  readiness = readinessFixture(['complete', 'suspend']),
  readOnly = false,
  permit = permitFixture({ status: 'active' }),
}: {
  permit?: Permit;
  closeout?: Closeout;
  put?: () => Response;
  readiness?: PermitReadiness;
  readOnly?: boolean;
} = {}) {
  const fetchMock = mockFetch({ [`GET ${URL}`]: () => jsonResponse(closeout), [`PUT ${URL}`]: put });
  renderWithProviders(
    <CloseoutTab permit={permit} readiness={readiness} timeZone="Europe/London" readOnly={readOnly} />,
  );
  return fetchMock;
}

function puts(fetchMock: ReturnType<typeof mockFetch>) {
  return callsTo(fetchMock, 'PUT', URL).map(([, init]) => init);
}

describe('CloseoutTab', () => {
  it('saves only the changed answers and remarks, with If-Match set to the closeout’s version', async () => {
    const fetchMock = renderTab();

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Work area cleaned (required)' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment on: Fire watch kept 30 min after work' }), {
      target: { value: ' Kept until 17:40. ' },
    });
    fireEvent.change(screen.getByLabelText('Remarks'), { target: { value: 'Handed back to operations.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save closeout' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Closeout saved.');
    const [init] = puts(fetchMock);
    expect(sentHeaders(init).get('If-Match')).toBe('"3"');
    expect(sentBody(init)).toEqual({
      answers: {
        housekeeping: { done: true, comment: '' },
        fire_watch_done: { done: false, comment: 'Kept until 17:40.' },
      },
      remarks: 'Handed back to operations.',
    });
  });

  it('records work finished only after the user confirms it, since it cannot be withdrawn', async () => {
    const fetchMock = renderTab();

    const finished = await screen.findByRole('switch', { name: 'Work finished' });
    fireEvent.click(finished);
    expect(await screen.findByText('Record that the work has finished?')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Not yet' }));
    expect(finished).not.toBeChecked();

    fireEvent.click(finished);
    fireEvent.click(await screen.findByRole('button', { name: 'Work finished' }));
    expect(finished).toBeChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Save closeout' }));

    await waitFor(() => {
      expect(puts(fetchMock)).toHaveLength(1);
    });
    expect(sentBody(puts(fetchMock)[0])).toEqual({ work_finished: true });
  });

  it('shows a newer version beside the user’s changes and re-applies them on it', async () => {
    const current = closeoutFixture({
      version: 5,
      remarks: 'Barriers stay until tomorrow.',
      updated_by: { id: 21, name: 'Isabel Clarke' },
      updated_at: '2026-11-25T15:00:00Z',
    });
    let answer = () => jsonResponse({ error: { code: 'version_conflict', message: 'Changed by someone else.', current } }, 409);
    const fetchMock = renderTab({ put: () => answer() });

    fireEvent.change(await screen.findByLabelText('Remarks'), { target: { value: 'Handed back.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save closeout' }));

    const dialog = within(await screen.findByRole('dialog', { name: 'The closeout was changed by someone else' }));
    const rows = dialog.getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['Remarks', 'Barriers stay until tomorrow.', 'Handed back.'],
    ]);

    answer = () => jsonResponse(closeoutFixture({ version: 6, remarks: 'Handed back.' }));
    fireEvent.click(dialog.getByRole('button', { name: 'Re-apply my changes' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your changes were saved on top of version 5.');
    const [first, second] = puts(fetchMock);
    expect(sentHeaders(first).get('If-Match')).toBe('"3"');
    expect(sentHeaders(second).get('If-Match')).toBe('"5"');
    expect(sentBody(second)).toEqual({ remarks: 'Handed back.' });
    expect(screen.getByLabelText('Remarks')).toHaveValue('Handed back.');
  });

  it('shows the closeout read-only, with the server’s reason, to someone who may not record it', async () => {
    const readiness = readinessFixture([], {
      hand_back: [{ code: 'not_permitted', message: 'Only the permit\'s requester may do this.' }],
    });
    renderTab({ readiness, closeout: closeoutFixture({ remarks: 'All clear.' }) });

    expect(await screen.findByText("Only the permit's requester may do this.")).toBeInTheDocument();
    expect(screen.getByText('All clear.', { exact: false })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save closeout' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it('shows the closeout read-only when the server says it is not open now, whatever the status', async () => {
    renderTab({ permit: permitFixture({ status: 'active', parts_open: { ...partsOpenIn('active'), closeout: false } }) });

    expect(
      await screen.findByText('The closeout is recorded once work has started, until the permit is handed back.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save closeout' })).not.toBeInTheDocument();
  });

  it('offers a viewer no form', async () => {
    renderTab({ readOnly: true });

    expect(await screen.findByRole('region', { name: 'Closeout checklist' })).toHaveTextContent('Work area cleaned (required): Not done');
    expect(screen.queryByRole('button', { name: 'Save closeout' })).not.toBeInTheDocument();
  });

  it('keeps answers made when the server cannot be reached on the device, with what the user saw of each item', async () => {
    const fetchMock = mockFetch({
      [`GET ${URL}`]: () => jsonResponse(closeoutFixture()),
      [`PUT ${URL}`]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const { queryClient } = renderWithProviders(
      <CloseoutTab
        permit={permitFixture({ status: 'active' })}
        readiness={readinessFixture(['complete'])}
        timeZone="Europe/London"
        readOnly={false}
      />,
    );
    queryClient.setQueryData(meQueryKey, meBody({ id: 88 }));
    queryClient.setQueryData(permitKeys.detail(7), permitFixture({ status: 'active', version: 9 }));

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Work area cleaned (required)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save closeout' }));

    expect(await screen.findByText('Saved on this device — will be sent when signal returns.')).toBeInTheDocument();
    expect(sentHeaders(puts(fetchMock)[0]).get('If-Match')).toBe('"3"');
    const [kept] = await recordsOf(88);
    // Still no answer from the server: it stays waiting on the device.
    expect(kept).toMatchObject({
      kind: 'closeout',
      status: 'pending',
      permitVersion: 9,
      summary: 'Work area cleaned: Done',
      body: { answers: { housekeeping: { done: true, comment: '' } } },
      seen: { version: 3, items: { housekeeping: { done: false, comment: '', answeredAt: null } }, remarks: '' },
    });
  });
});

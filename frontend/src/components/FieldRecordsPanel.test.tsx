import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { meQueryKey } from '@/lib/api/keys';
import { addRecord, recordsOf, updateRecord, type NewFieldRecord } from '@/lib/offline/records';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { permitFixture } from '@/test/permitFixtures';
import { meBody } from '@/test/session';
import { FieldRecordsPanel } from './FieldRecordsPanel';

let nextUser = 56;
const REASON = 'This record was made against version 4 of the permit; the permit has changed since (it is now suspended, version 5).';

function reading(userId: number, value: string, key: string): NewFieldRecord {
  return {
    kind: 'gas-test',
    userId,
    permitId: 7,
    permitVersion: 4,
    idempotencyKey: key,
    madeAt: '2026-12-03T09:15:00Z',
    summary: `O2 ${value} %vol`,
    body: { gas: 'O2', value, unit: '%vol', tested_at: '2026-12-03T09:15:00Z' },
    seen: null,
  };
}

/** Each test keeps its records under a user of its own. */
async function renderPanel() {
  nextUser += 1;
  const user = nextUser;
  const waiting = await addRecord(reading(user, '20.9', 'panel-waiting'));
  const refused = await addRecord(reading(user, '20.8', 'panel-refused'));
  await updateRecord(refused.id, (record) => ({ ...record, status: 'refused', reason: REASON }));
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
  const fetchMock = mockFetch({
    '/api/v1/ptw/permits/7/': () => jsonResponse(permitFixture({ status: 'suspended', version: 5 })),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(meQueryKey, meBody({ id: user }));
  render(
    <QueryClientProvider client={queryClient}>
      <FieldRecordsPanel permitId={7} timeZone="Europe/London" />
    </QueryClientProvider>,
  );
  return { user, waiting, refused, fetchMock };
}

describe('FieldRecordsPanel', () => {
  it('lists the user’s records of the permit: waiting, and refused with the reason', async () => {
    await renderPanel();

    const panel = await screen.findByRole('region', { name: 'On this device' });
    const [first, second] = await within(panel).findAllByRole('listitem');
    expect(first).toHaveTextContent('Waiting for signal');
    expect(first).toHaveTextContent('Gas readingO2 20.9 %volmade 3 Dec 2026, 09:15');
    expect(second).toHaveTextContent('Refused');
    expect(second).toHaveTextContent(REASON);
  });

  it('makes a refused record again against the permit as it is now, with a new key, or dismisses it', async () => {
    const { user, refused } = await renderPanel();
    const panel = await screen.findByRole('region', { name: 'On this device' });

    fireEvent.click(await within(panel).findByRole('button', { name: 'Record again on the permit as it is now' }));

    await waitFor(async () => {
      expect((await recordsOf(user)).filter((record) => record.summary === 'O2 20.8 %vol')).toEqual([
        expect.objectContaining({ status: 'pending', permitVersion: 5, madeAt: '2026-12-03T09:15:00Z' }),
      ]);
    });
    const remade = (await recordsOf(user)).find((record) => record.summary === 'O2 20.8 %vol');
    expect(remade?.id).not.toBe(refused.id);
    expect(remade?.idempotencyKey).not.toBe('panel-refused');

    await updateRecord(remade?.id ?? 0, (record) => ({ ...record, status: 'refused', reason: 'Refused again.' }));
    fireEvent.click(await within(panel).findByRole('button', { name: 'Dismiss' }));
    await waitFor(async () => {
      expect((await recordsOf(user)).map((record) => record.summary)).not.toContain('O2 20.8 %vol');
    });
    expect(within(panel).queryByText('Refused again.')).not.toBeInTheDocument();
  });
});

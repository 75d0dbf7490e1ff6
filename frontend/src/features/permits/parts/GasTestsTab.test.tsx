import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { isoToWallClock } from '@/lib/time/zonedInput';
import { permitFixture, readinessFixture, typeFixture } from '@/test/permitFixtures';
import { gasTestFixture, minutesFromNow, projectFixture } from '@/test/partFixtures';
import { meQueryKey, permitKeys } from '@/lib/api/keys';
import { recordsOf } from '@/lib/offline/records';
import { meBody } from '@/test/session';
import { describeLimit, freshness } from './gas';
import { GasTestsTab } from './GasTestsTab';
import { typeDateTime } from '@/test/pickers';

const LIST = '/api/v1/ptw/permits/7/gas-tests/?page=1&page_size=100';
const POST = '/api/v1/ptw/permits/7/gas-tests/';
const PROJECT = '/api/v1/projects/1/';
const TZ = 'Europe/London';

const h2sFail = gasTestFixture({
  id: 2,
  gas: 'H2S',
  value: '14.00',
  unit: 'ppm',
  result: 'fail',
  limit: { min: null, max: '10', max_inclusive: false, unit: 'ppm' },
  fresh_until: minutesFromNow(30),
});
const lelStale = gasTestFixture({
  id: 4,
  gas: 'LEL',
  value: '0.00',
  unit: '%LEL',
  limit: { min: null, max: '10', max_inclusive: false, unit: '%LEL' },
  fresh_until: minutesFromNow(-5),
});

function daysAgoOnSite(days: number): string {
  return isoToWallClock(new Date(Date.now() - days * 86_400_000).toISOString(), TZ).slice(0, 10);
}

function renderTab({
  tests = [gasTestFixture(), h2sFail, lelStale],
  answer = () => jsonResponse(gasTestFixture({ id: 3 }), 201),
  settings = {},
  readOnly = false,
}: {
  tests?: ReturnType<typeof gasTestFixture>[];
  answer?: () => Response;
  settings?: Record<string, unknown>;
  readOnly?: boolean;
} = {}) {
  const fetchMock = mockFetch({
    [LIST]: () => jsonResponse(pageOf(tests)),
    [POST]: answer,
    [PROJECT]: () => jsonResponse(projectFixture(settings)),
  });
  const rendered = renderWithProviders(
    <GasTestsTab
      permit={permitFixture({ status: 'submitted' })}
      type={typeFixture({ requires_gas_test: true, gas_tests_required: ['O2', 'LEL'] })}
      readiness={readinessFixture(['reject'], {
        verify: [{ code: 'gas_test_missing', message: 'No LEL reading is recorded.' }],
      })}
      timeZone={TZ}
      readOnly={readOnly}
    />,
  );
  return { fetchMock, ...rendered };
}

function posts(fetchMock: ReturnType<typeof mockFetch>) {
  return fetchMock.mock.calls.filter(([url, init]) => url === POST && init?.method === 'POST');
}

async function fillReading({ value, calibratedOn }: { value: string; calibratedOn: string }) {
  fireEvent.change(await screen.findByLabelText('Reading'), { target: { value } });
  fireEvent.change(screen.getByLabelText('Instrument id'), { target: { value: 'GX-2009' } });
  typeDateTime(screen.getByLabelText('Calibrated on'), calibratedOn);
}

describe('gas test rendering', () => {
  it('writes the limit the server applied as a safety officer would', () => {
    expect(describeLimit({ min: '19.5', max: '23.5', max_inclusive: true, unit: '%vol' })).toBe('≥ 19.5 and ≤ 23.5 %vol');
    expect(describeLimit({ min: null, max: '10', max_inclusive: false, unit: '%LEL' })).toBe('< 10 %LEL');
  });

  it('counts down to fresh_until, then says stale', () => {
    const now = new Date('2026-11-25T14:00:00Z');
    expect(freshness('2026-11-25T15:52:30Z', now)).toEqual({ fresh: true, text: 'fresh for 1 h 52 min' });
    expect(freshness('2026-11-25T13:59:00Z', now)).toEqual({ fresh: false, text: 'stale' });
  });
});

describe('GasTestsTab', () => {
  it('shows each reading with a pass or fail chip, the limit applied and how long a pass still counts', async () => {
    renderTab();

    const table = await screen.findByRole('table', { name: 'Gas tests' });
    await within(table).findByText('O2');
    const [o2, h2s, lel] = within(table).getAllByRole('row').slice(1);
    if (o2 === undefined || h2s === undefined || lel === undefined) throw new Error('rows missing');
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);
    expect(cells(o2).slice(0, 5)).toEqual(['O2', '20.90 %vol', 'Pass', '≥ 19.5 and ≤ 23.5 %vol', 'fresh for 1 h 52 min']);
    expect(cells(h2s).slice(0, 5)).toEqual(['H2S', '14.00 ppm', 'Fail', '< 10 ppm', '—']);
    expect(cells(lel).slice(0, 5)).toEqual(['LEL', '0.00 %LEL', 'Pass', '< 10 %LEL', 'stale']);
    expect(within(o2).getByText('Pass')).toHaveClass('ant-tag-success');
    expect(within(h2s).getByText('Fail')).toHaveClass('ant-tag-error');
    expect(within(lel).getByText('stale').closest('.ant-typography')).toHaveClass('ant-typography-danger');
    expect(screen.getByRole('note')).toHaveTextContent('No LEL reading is recorded.');
  });

  it('records a reading with an idempotency key, shows the server’s verdict and refreshes the permit', async () => {
    const { fetchMock, queryClient } = renderTab();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    const calibratedOn = daysAgoOnSite(20);

    await fillReading({ value: ' 20.9 ', calibratedOn });
    const enteredFrom = Date.now();
    fireEvent.click(screen.getByRole('button', { name: 'Record reading' }));

    expect(await screen.findByRole('status')).toHaveTextContent('O2 20.90 %vol: pass (limit ≥ 19.5 and ≤ 23.5 %vol).');
    const [, init] = posts(fetchMock)[0] ?? [];
    // Left empty, the measured time is when the reading was entered on the device, not when it arrives.
    expect(sentBody(init)).toEqual({
      gas: 'O2',
      value: '20.9',
      unit: '%vol',
      instrument_id: 'GX-2009',
      calibrated_on: calibratedOn,
      location: 'Unit 3',
      tested_at: expect.any(String) as string,
    });
    const testedAt = Date.parse((sentBody(init) as { tested_at: string }).tested_at);
    expect(testedAt).toBeGreaterThanOrEqual(enteredFrom);
    expect(testedAt).toBeLessThanOrEqual(Date.now());
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['permits'] });
    // Next in test order: the flammables, in their own unit; the reading is cleared.
    await waitFor(() => {
      expect(screen.getByTitle('LEL')).toBeInTheDocument();
    });
    expect(screen.getByTitle('%LEL')).toBeInTheDocument();
    expect(screen.getByLabelText('Reading')).toHaveValue('');
  });

  it('keeps a reading made without signal on the device, with its measured time and the permit version seen', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { fetchMock, queryClient } = renderTab();
    queryClient.setQueryData(meQueryKey, meBody({ id: 31 }));
    queryClient.setQueryData(permitKeys.detail(7), permitFixture({ status: 'active', version: 6 }));
    const enteredFrom = Date.now();

    await fillReading({ value: '20.8', calibratedOn: daysAgoOnSite(20) });
    fireEvent.click(screen.getByRole('button', { name: 'Record reading' }));

    expect(await screen.findByText(/O2 20.8 %vol: Saved on this device — will be sent when signal returns\./)).toBeInTheDocument();
    expect(posts(fetchMock)).toHaveLength(0);
    const [kept] = await recordsOf(31);
    expect(kept).toMatchObject({ kind: 'gas-test', permitId: 7, permitVersion: 6, status: 'pending' });
    expect(kept?.body).not.toHaveProperty('permit_version');
    expect(Date.parse(String(kept?.body.tested_at))).toBeGreaterThanOrEqual(enteredFrom);
    expect(kept?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('says so plainly when the server judges the reading unsafe', async () => {
    renderTab({ answer: () => jsonResponse(h2sFail, 201) });

    await fillReading({ value: '14', calibratedOn: daysAgoOnSite(3) });
    fireEvent.click(screen.getByRole('button', { name: 'Record reading' }));

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('H2S 14.00 ppm: FAIL (limit < 10 ppm).');
    expect(status).toHaveTextContent('Active work under this permit is suspended at once.');
  });

  it('checks the entry as the server would before sending it', async () => {
    const { fetchMock } = renderTab({ settings: { calibration_max_age_days: 30 } });
    await screen.findByText('O2', { selector: 'td' });

    await fillReading({ value: '20.9.1', calibratedOn: daysAgoOnSite(31) });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Unit' }));
    fireEvent.click(await screen.findByTitle('ppm'));
    fireEvent.click(screen.getByRole('button', { name: 'Record reading' }));

    expect(await screen.findByText('A number with at most 6 digits and 2 decimals.')).toBeInTheDocument();
    expect(screen.getByText('O2 is measured in %vol.')).toBeInTheDocument();
    expect(screen.getByText('Calibration older than 30 days: recalibrate the instrument.')).toBeInTheDocument();

    typeDateTime(screen.getByLabelText('Calibrated on'), daysAgoOnSite(-2));
    expect(await screen.findByText('The calibration date cannot be in the future.')).toBeInTheDocument();
    expect(posts(fetchMock)).toHaveLength(0);
  });

  it('shows the server’s refusal of an out-of-calibration instrument on the field', async () => {
    const refusal = {
      error: {
        code: 'instrument_out_of_calibration',
        message: 'The instrument is out of calibration (calibrated more than 180 days ago).',
        fields: { calibrated_on: ['Calibration older than 180 days: recalibrate the instrument.'] },
      },
    };
    renderTab({ answer: () => jsonResponse(refusal, 400) });

    await fillReading({ value: '20.9', calibratedOn: daysAgoOnSite(10) });
    fireEvent.click(screen.getByRole('button', { name: 'Record reading' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The instrument is out of calibration (calibrated more than 180 days ago).',
    );
    expect(await screen.findByText('Calibration older than 180 days: recalibrate the instrument.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).not.toHaveTextContent('calibrated_on:');
  });

  it('offers a viewer no reading form', async () => {
    renderTab({ readOnly: true });

    await screen.findByText('O2', { selector: 'td' });
    expect(screen.queryByRole('button', { name: 'Record reading' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Reading')).not.toBeInTheDocument();
  });
});

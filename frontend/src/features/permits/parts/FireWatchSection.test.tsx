import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callsTo, jsonResponse, mockFetch, sentBody } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { FireWatch } from '@/lib/api/models';
import { FireWatchSection, fireWatchTimeLeft } from './FireWatchSection';

const URL = '/api/v1/ptw/permits/7/fire-watch/';

function watchFixture(overrides: Partial<FireWatch> = {}): FireWatch {
  return {
    permit_id: 7,
    required: true,
    minutes: 60,
    hot_work_ended_at: '2026-11-25T14:00:00Z',
    keeper: { id: 5, name: 'Elena Petrova' },
    ends_at: '2026-11-25T15:00:00Z',
    recorded_by: { id: 3, name: 'Ravi Menon' },
    recorded_at: '2026-11-25T14:01:00Z',
    signed_off_at: null,
    sign_off_remarks: '',
    can_record: false,
    can_sign_off: false,
    version: 2,
    ...overrides,
  };
}

function renderSection(watch: FireWatch, routes: Record<string, () => Response> = {}) {
  const fetchMock = mockFetch({ [`GET ${URL}`]: () => jsonResponse(watch), ...routes });
  renderWithProviders(<FireWatchSection permitId={7} projectId={1} timeZone="Europe/London" readOnly={false} />);
  return fetchMock;
}

describe('fireWatchTimeLeft', () => {
  it('counts minutes and seconds down, and hours past the hour, then stops', () => {
    const now = new Date('2026-11-25T14:01:00Z');
    expect(fireWatchTimeLeft('2026-11-25T14:59:30Z', now)).toBe('58:30');
    expect(fireWatchTimeLeft('2026-11-25T15:31:05Z', now)).toBe('1:30:05');
    expect(fireWatchTimeLeft('2026-11-25T14:01:00Z', now)).toBeNull();
  });
});

describe('FireWatchSection', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the fire watch counting down with its keeper while it runs', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-11-25T14:45:00Z') });
    renderSection(watchFixture());

    const timer = await screen.findByRole('timer', { name: 'Fire watch time left' });
    expect(timer).toHaveTextContent('Fire watch: 15:00 left');
    expect(screen.getByText('Elena Petrova')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign off fire watch' })).not.toBeInTheDocument();
  });

  it('says the time is over and lets the keeper sign off, with remarks', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: new Date('2026-11-25T15:05:00Z') });
    const signed = watchFixture({ signed_off_at: '2026-11-25T15:05:00Z', sign_off_remarks: 'Area cold.' });
    const fetchMock = renderSection(watchFixture({ can_sign_off: true }), {
      [`POST ${URL}sign-off/`]: () => jsonResponse(signed),
    });

    expect(await screen.findByText('Fire watch time over: waiting for the keeper’s sign-off.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Fire watch remarks'), { target: { value: ' Area cold. ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign off fire watch' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', `${URL}sign-off/`)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', `${URL}sign-off/`)[0] ?? [];
    expect(sentBody(init)).toEqual({ remarks: 'Area cold.' });
  });

  it('asks for the record before the hand-back, and shows nothing for a type without a fire watch', async () => {
    renderSection(watchFixture({ hot_work_ended_at: null, keeper: null, ends_at: null, version: 1 }));
    expect(await screen.findByText('Not recorded yet')).toBeInTheDocument();
  });
});

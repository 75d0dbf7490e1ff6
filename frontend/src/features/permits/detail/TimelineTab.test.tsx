import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { ChainVerification, PermitEvent } from '@/lib/api/models';
import { TimelineTab } from './TimelineTab';

const VERIFY = '/api/v1/ptw/permits/7/events/verify/';

function eventFixture(seq: number, action: string, from: string, to: string): PermitEvent {
  return {
    id: 100 + seq,
    seq,
    action,
    from_status: from,
    to_status: to,
    actor: { id: 11, name: 'Ravi Menon' },
    at: `2026-11-25T0${String(seq)}:00:00Z`,
    comment: '',
    changes: {},
    request_id: '',
    prev_hash: '0'.repeat(64),
    hash: 'a'.repeat(64),
  };
}

const EVENTS = [
  eventFixture(1, 'create', '', 'draft'),
  eventFixture(2, 'submit', 'draft', 'submitted'),
  eventFixture(3, 'verify', 'submitted', 'verified'),
];

const INTACT: ChainVerification = {
  permit_id: 7,
  intact: true,
  events: 3,
  checked_at: '2026-11-25T09:30:00Z',
  broken_at: null,
};

function renderTimeline(chain: ChainVerification) {
  mockFetch({ [VERIFY]: () => jsonResponse(chain) });
  renderWithProviders(<TimelineTab permitId={7} events={EVENTS} timeZone="UTC" canComment={false} />);
}

describe('TimelineTab chain line', () => {
  it('says the chain is verified, with how many events and when, and marks no event', async () => {
    renderTimeline({ permit_id: 7, intact: true, events: 3, checked_at: '2026-11-25T09:30:00Z', broken_at: null });

    const line = await screen.findByRole('alert');
    expect(line).toHaveTextContent('Chain verified — 3 events, checked 25 Nov 2026, 09:30');
    expect(line.className).toMatch(/success/);
    expect(screen.queryByText('Chain breaks here')).not.toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });

  it('says where the chain breaks and why, and marks that event', async () => {
    renderTimeline({
      permit_id: 7,
      intact: false,
      events: 3,
      checked_at: '2026-11-25T09:30:00Z',
      broken_at: { seq: 2, event_id: 102, reason: 'changed' },
    });

    const line = await screen.findByRole('alert');
    expect(line).toHaveTextContent('Chain broken at event #2: this event was changed after it was recorded');
    expect(line.className).toMatch(/error/);
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => within(item).queryByText('Chain breaks here') !== null)).toEqual([false, true, false]);
    expect(items.map((item) => item.querySelector('[aria-current="true"]') !== null)).toEqual([false, true, false]);
    expect(items[1]).toHaveTextContent(/^Chain breaks here\s*Submit\s*by Ravi Menon/);
  });

  it('names a missing event in words', async () => {
    renderTimeline({
      permit_id: 7,
      intact: false,
      events: 2,
      checked_at: '2026-11-25T09:30:00Z',
      broken_at: { seq: 3, event_id: 103, reason: 'missing' },
    });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Chain broken at event #3: an event before this one is missing',
    );
  });
});

describe('TimelineTab comments', () => {
  const COMMENTS = '/api/v1/ptw/permits/7/comments/';

  it('adds a comment with an idempotency key, and shows the form only to those who may comment', async () => {
    const fetchMock = mockFetch({
      [VERIFY]: () => jsonResponse(INTACT),
      [`POST ${COMMENTS}`]: () => jsonResponse({ ...eventFixture(4, 'comment', 'verified', 'verified') }, 201),
    });
    const { unmount } = renderWithProviders(
      <TimelineTab permitId={7} events={EVENTS} timeZone="UTC" canComment={true} />,
    );
    fireEvent.change(screen.getByLabelText('Add a comment'), { target: { value: '  Scaffold tag checked. ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add comment' }));
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', COMMENTS)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', COMMENTS)[0] ?? [];
    expect(sentBody(init)).toEqual({ text: 'Scaffold tag checked.' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    unmount();

    renderWithProviders(<TimelineTab permitId={7} events={EVENTS} timeZone="UTC" canComment={false} />);
    expect(screen.queryByLabelText('Add a comment')).not.toBeInTheDocument();
  });

  it('shows a comment sent later with the time it was written on the device, not as a changed field', async () => {
    mockFetch({ [VERIFY]: () => jsonResponse(INTACT) });
    const later = {
      ...eventFixture(4, 'comment', 'verified', 'verified'),
      comment: 'Barrier moved to the east side.',
      changes: { written_at: [null, '2026-11-25T03:30:00Z'] },
    };
    renderWithProviders(<TimelineTab permitId={7} events={[...EVENTS, later]} timeZone="UTC" canComment={false} />);
    const item = (await screen.findAllByRole('listitem')).at(3);
    if (item === undefined) throw new Error('the comment is not on the timeline');
    expect(item).toHaveTextContent('Comment');
    expect(item).toHaveTextContent('Written on the device at 25 Nov 2026, 03:30');
    expect(item).toHaveTextContent('“Barrier moved to the east side.”');
    expect(within(item).queryByLabelText('Changed fields')).not.toBeInTheDocument();
  });
});

import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { notificationKeys } from '@/lib/api/keys';
import { callsTo, jsonResponse, mockFetch, sentHeaders } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { sessionRoutes, UNREAD_NOTIFICATIONS_URL } from '@/test/session';
import { UNREAD_POLL_MS } from '../api/notifications';
import { notificationOf, notificationPage, notModified, unreadResponse } from '../testing/fixtures';

const LIST_URL = '/api/v1/notifications/?page=1&page_size=25';
const NEWEST_URL = '/api/v1/notifications/?page=1&page_size=5';
const READ_ALL_URL = '/api/v1/notifications/read-all/';

/** Renders the app on the tasks-free notifications page; `unread` answers each poll in turn (the last repeats). */
function renderApp(unread: (() => Response)[], extra: Record<string, () => Response> = {}, route = '/notifications') {
  let poll = 0;
  const fetchMock = mockFetch({
    ...sessionRoutes(),
    [UNREAD_NOTIFICATIONS_URL]: () => {
      const answer = unread[Math.min(poll, unread.length - 1)];
      poll += 1;
      if (answer === undefined) throw new Error('no unread answer');
      return answer();
    },
    [LIST_URL]: () => jsonResponse(notificationPage([])),
    ...extra,
  });
  const rendered = renderWithProviders(
    <>
      <AppRoutes />
      <LocationDisplay />
    </>,
    { route },
  );
  return { fetchMock, ...rendered };
}

function refetchUnread(queryClient: ReturnType<typeof renderApp>['queryClient']) {
  return act(() => queryClient.refetchQueries({ queryKey: notificationKeys.unread }));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('The notification bell', () => {
  it('shows the unread count as a badge and in its accessible name', async () => {
    renderApp([() => unreadResponse(3, 9, '"a"')]);

    const bell = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    expect(within(bell).getByText('3')).toBeInTheDocument();
  });

  it('caps the count at 99+', async () => {
    renderApp([() => unreadResponse(150, 400, '"a"')]);

    const bell = await screen.findByRole('button', { name: 'Notifications, 99+ unread' });
    expect(within(bell).getByText('99+')).toBeInTheDocument();
  });

  it('says none are unread without a badge', async () => {
    renderApp([() => unreadResponse(0, null, '"a"')]);

    const bell = await screen.findByRole('button', { name: 'Notifications, none unread' });
    expect(bell.querySelector('.ant-badge-count')).toBeNull();
  });

  it('asks again every 20 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { fetchMock } = renderApp([() => unreadResponse(1, 9, '"a"'), () => unreadResponse(2, 9, '"b"')]);

    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(callsTo(fetchMock, 'GET', UNREAD_NOTIFICATIONS_URL)).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(UNREAD_POLL_MS);
    });
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    expect(callsTo(fetchMock, 'GET', UNREAD_NOTIFICATIONS_URL)).toHaveLength(2);
  });

  it('sends the last ETag and keeps the count when the server answers 304', async () => {
    const { fetchMock, queryClient } = renderApp([() => unreadResponse(4, 9, '"v1"'), notModified]);

    await screen.findByRole('button', { name: 'Notifications, 4 unread' });
    await refetchUnread(queryClient);

    const calls = callsTo(fetchMock, 'GET', UNREAD_NOTIFICATIONS_URL);
    expect(calls).toHaveLength(2);
    expect(sentHeaders(calls[0]?.[1]).has('If-None-Match')).toBe(false);
    expect(sentHeaders(calls[1]?.[1]).get('If-None-Match')).toBe('"v1"');
    expect(screen.getByRole('button', { name: 'Notifications, 4 unread' })).toBeInTheDocument();
  });

  it('opens the newest few, marks all read and leads to the notifications page', async () => {
    const newest = notificationOf({ id: 9, title: 'Permit PTW-2026-000012 waits for your verification' });
    const { fetchMock } = renderApp(
      [() => unreadResponse(1, 9, '"a"'), () => unreadResponse(0, 9, '"b"')],
      {
        [NEWEST_URL]: () => jsonResponse(notificationPage([newest])),
        [`POST ${READ_ALL_URL}`]: () => jsonResponse({ marked: 1 }),
      },
      '/permits',
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    expect(await within(panel).findByText(newest.title)).toBeInTheDocument();

    fireEvent.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    expect(await screen.findByRole('button', { name: 'Notifications, none unread' })).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST', READ_ALL_URL)).toHaveLength(1);

    fireEvent.click(within(panel).getByRole('link', { name: 'See all' }));
    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/notifications?project=1');
    });
  });

  it('leads straight to the notifications page on a phone, as a 44 px tap target', async () => {
    window.innerWidth = 390;
    renderApp([() => unreadResponse(2, 9, '"a"')], {}, '/permits');

    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(bell).toHaveStyle({ minWidth: '44px', minHeight: '44px' });
    fireEvent.click(bell);
    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/notifications?project=1');
    });
  });
});

describe('Notification toasts', () => {
  const AFTER_URL = '/api/v1/notifications/?after=9&page_size=20';

  it('pops up only the new arrivals the server marks as toasts, never on page load', async () => {
    const task = notificationOf({
      id: 11,
      kind: 'task_verify',
      category: 'task',
      title: 'A permit waits for your verification',
      toast: true,
    });
    const status = notificationOf({ id: 10, title: 'Your permit was approved', toast: false });
    const { fetchMock, queryClient } = renderApp(
      [() => unreadResponse(1, 9, '"a"'), () => unreadResponse(3, 11, '"b"')],
      { [AFTER_URL]: () => jsonResponse(notificationPage([task, status])) },
    );

    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(fetchMock.mock.calls.some(([url]) => typeof url === 'string' && url.includes('after='))).toBe(false);
    expect(document.querySelector('.ant-notification-notice')).toBeNull();

    await refetchUnread(queryClient);
    expect(await screen.findByText(task.title)).toBeInTheDocument();
    expect(callsTo(fetchMock, 'GET', AFTER_URL)).toHaveLength(1);
    const toast = screen.getByText(task.title).closest('.ant-notification-notice');
    if (!(toast instanceof HTMLElement)) throw new Error('toast missing');
    expect(within(toast).getByText('PTW-2026-000012 Hot tap on header')).toBeInTheDocument();
    expect(screen.queryByText(status.title)).toBeNull();
    expect(document.querySelectorAll('.ant-notification-notice')).toHaveLength(1);
  });

  it('opens the permit from the toast and marks the notification read', async () => {
    const task = notificationOf({ id: 11, category: 'task', title: 'A permit waits for you', toast: true });
    const { fetchMock, queryClient } = renderApp(
      [() => unreadResponse(0, 9, '"a"'), () => unreadResponse(1, 11, '"b"')],
      {
        [AFTER_URL]: () => jsonResponse(notificationPage([task])),
        'POST /api/v1/notifications/11/read/': () => jsonResponse({ ...task, read_at: '2026-11-25T15:00:00Z' }),
      },
    );

    await screen.findByRole('button', { name: 'Notifications, none unread' });
    await refetchUnread(queryClient);
    const toast = (await screen.findByText(task.title)).closest('.ant-notification-notice');
    if (!(toast instanceof HTMLElement)) throw new Error('toast missing');
    fireEvent.click(within(toast).getByRole('button', { name: 'View' }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/permits/12?project=1');
    });
    expect(callsTo(fetchMock, 'POST', '/api/v1/notifications/11/read/')).toHaveLength(1);
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { sessionRoutes, UNREAD_NOTIFICATIONS_URL } from '@/test/session';
import { WITHDRAWN_TEXT } from '../categories';
import { notificationOf, notificationPage, unreadResponse } from '../testing/fixtures';

const ALL_URL = '/api/v1/notifications/?page=1&page_size=25';
const UNREAD_URL = '/api/v1/notifications/?page=1&page_size=25&unread=true';
const READ_ALL_URL = '/api/v1/notifications/read-all/';

const rejected = notificationOf();
const verify = notificationOf({
  id: 7,
  kind: 'task_verify',
  category: 'task',
  title: 'PTW-2026-000014 waits for your verification',
  body: '',
  permit: { id: 14, permit_number: 'PTW-2026-000014', title: 'Scaffold at tank 4', location: 'Tank farm' },
  link: '/permits/14?project=1',
  read_at: '2026-11-25T15:00:00Z',
  withdrawn_at: '2026-11-25T15:30:00Z',
  toast: true,
});

function renderPage(routes: Record<string, () => Response>, route = '/notifications', unreadCount = 1) {
  let unread = unreadCount;
  const fetchMock = mockFetch({
    ...sessionRoutes(),
    [UNREAD_NOTIFICATIONS_URL]: () => unreadResponse(unread, 7, `"${String(unread)}"`),
    [`POST ${READ_ALL_URL}`]: () => {
      unread = 0;
      return jsonResponse({ marked: 1 });
    },
    ...routes,
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

async function rowOf(title: string): Promise<HTMLElement> {
  const table = await screen.findByRole('table', { name: 'Notifications' });
  const row = (await within(table).findByRole('link', { name: title })).closest('tr');
  if (row === null) throw new Error(`no row for ${title}`);
  return row;
}

describe('The notifications page', () => {
  it('lists each notification with its permit, project and time in the project time zone', async () => {
    renderPage({ [ALL_URL]: () => jsonResponse(notificationPage([rejected, verify])) });

    const row = await rowOf(rejected.title);
    expect(within(row).getByText('Reason: Hazards miss the live cable')).toBeInTheDocument();
    expect(within(row).getByText('PTW-2026-000012')).toBeInTheDocument();
    expect(within(row).getByText('North Plant')).toBeInTheDocument();
    expect(within(row).getByText('25 Nov 2026, 14:41')).toBeInTheDocument();
    expect(within(row).getByText('Unread')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: rejected.title })).toHaveStyle({ fontWeight: '600' });
  });

  it('greys a withdrawn notification and says someone else did it', async () => {
    renderPage({ [ALL_URL]: () => jsonResponse(notificationPage([rejected, verify])) });

    const withdrawn = await rowOf(verify.title);
    expect(within(withdrawn).getByText(WITHDRAWN_TEXT)).toBeInTheDocument();
    expect(within(withdrawn).queryByText('Unread')).toBeNull();
    expect(within(withdrawn).getByRole('link', { name: verify.title }).parentElement).toHaveStyle({ opacity: '0.6' });
    const live = await rowOf(rejected.title);
    expect(within(live).queryByText(WITHDRAWN_TEXT)).toBeNull();
    expect(within(live).getByRole('link', { name: rejected.title }).parentElement).not.toHaveStyle({ opacity: '0.6' });
  });

  it('marks a notification read when it is opened and goes where it leads', async () => {
    const { fetchMock } = renderPage({
      [ALL_URL]: () => jsonResponse(notificationPage([rejected])),
      'POST /api/v1/notifications/5/read/': () => jsonResponse({ ...rejected, read_at: '2026-11-25T15:00:00Z' }),
    });

    fireEvent.click(within(await rowOf(rejected.title)).getByRole('link', { name: rejected.title }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/permits/12?project=1');
    });
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', '/api/v1/notifications/5/read/')).toHaveLength(1);
    });
  });

  it('does not mark again a notification already read', async () => {
    const { fetchMock } = renderPage({ [ALL_URL]: () => jsonResponse(notificationPage([verify])) });

    fireEvent.click(within(await rowOf(verify.title)).getByRole('link', { name: verify.title }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/permits/14?project=1');
    });
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('shows unread ones only when asked, keeping the choice in the address', async () => {
    const { fetchMock } = renderPage({
      [ALL_URL]: () => jsonResponse(notificationPage([rejected, verify])),
      [UNREAD_URL]: () => jsonResponse(notificationPage([rejected])),
    });

    await rowOf(verify.title);
    fireEvent.click(screen.getByRole('radio', { name: 'Unread' }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/notifications?show=unread');
    });
    await waitFor(() => {
      expect(within(screen.getByRole('table', { name: 'Notifications' })).queryByText(verify.title)).toBeNull();
    });
    expect(callsTo(fetchMock, 'GET', UNREAD_URL)).toHaveLength(1);
  });

  it('says when nothing is unread', async () => {
    renderPage({ [UNREAD_URL]: () => jsonResponse(notificationPage([])) }, '/notifications?show=unread', 0);

    expect(await screen.findByText('Nothing unread.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('marks all read and asks for the list and the count again', async () => {
    let read = false;
    const { fetchMock } = renderPage({
      [ALL_URL]: () =>
        jsonResponse(notificationPage([read ? { ...rejected, read_at: '2026-11-25T15:00:00Z' } : rejected])),
      [`POST ${READ_ALL_URL}`]: () => {
        read = true;
        return jsonResponse({ marked: 1 });
      },
    });

    const row = await rowOf(rejected.title);
    expect(within(row).getByText('Unread')).toBeInTheDocument();
    const markAll = await screen.findByRole('button', { name: 'Mark all read' });
    await waitFor(() => {
      expect(markAll).toBeEnabled();
    });
    fireEvent.click(markAll);

    await waitFor(async () => {
      expect(within(await rowOf(rejected.title)).queryByText('Unread')).toBeNull();
    });
    expect(callsTo(fetchMock, 'POST', READ_ALL_URL)).toHaveLength(1);
  });

  it('turns pages through the API', async () => {
    const secondPage = '/api/v1/notifications/?page=2&page_size=25';
    renderPage({
      [ALL_URL]: () => jsonResponse(notificationPage([rejected], 30)),
      [secondPage]: () => jsonResponse(notificationPage([verify], 30)),
    });

    await rowOf(rejected.title);
    expect(screen.getByText('30 notifications')).toBeInTheDocument();
    fireEvent.click(screen.getByTitle('2'));
    expect(await rowOf(verify.title)).toBeInTheDocument();
  });

  it('shows cards on a phone', async () => {
    window.innerWidth = 390;
    renderPage({ [ALL_URL]: () => jsonResponse(notificationPage([rejected, verify])) });

    const cards = await screen.findByRole('region', { name: 'Notifications' });
    expect(await within(cards).findByRole('link', { name: rejected.title })).toHaveStyle({ minHeight: '44px' });
    expect(within(cards).getByText(WITHDRAWN_TEXT)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import type { Paginated } from '@/lib/api/types';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes } from '@/test/session';
import type { PermitType } from '@/lib/api/models';
import type { PermitListItem } from './api';

const hotWork = { id: 2, code: 'hot-work', name: 'Hot work', category: 'hot_work', color: '#f5222d' };

function permit(id: number, overrides: Partial<PermitListItem>): PermitListItem {
  return {
    id,
    permit_number: `PTW-2026-${String(id).padStart(6, '0')}`,
    project: 1,
    permit_type: hotWork,
    title: `Permit ${String(id)}`,
    description: '',
    location: 'Compressor house',
    location_node: null,
    planned_start: '2026-11-25T17:01:00Z',
    planned_end: '2026-11-26T01:01:00Z',
    status: 'draft',
    probability: 3,
    severity: 4,
    risk_level: 'high',
    risk_score: 12,
    version: 1,
    requester: { id: 1, name: 'Ravi Menon' },
    named_verifier: null,
    verifier: null,
    issuer: null,
    created_at: '2026-11-25T09:00:00Z',
    updated_at: '2026-11-25T09:00:00Z',
    ...overrides,
  };
}

const weld = permit(19, {
  title: 'Weld flange on line 4',
  status: 'active',
  planned_start: '2019-12-31T08:00:00Z',
  planned_end: '2020-01-01T10:00:00Z',
});

const permits = [
  weld,
  permit(20, {
    title: 'Replace pump seal',
    status: 'completed',
    planned_start: '2020-01-01T08:00:00Z',
    planned_end: '2020-01-01T10:00:00Z',
  }),
  permit(21, {
    title: 'Paint pipe rack',
    status: 'submitted',
    planned_start: '2099-01-01T08:00:00Z',
    planned_end: '2099-01-01T10:00:00Z',
  }),
];

const types = [{ id: 2, name: 'Hot work' }, { id: 5, name: 'Electrical work' }] as PermitType[];

function page(results: PermitListItem[]): Paginated<PermitListItem> {
  return { count: results.length, count_exact: true, next: null, previous: null, results };
}

const LIST = '/api/v1/ptw/permits/?project=1';

function renderList(route: string, me = meBody(), lists: Record<string, PermitListItem[]> = {}) {
  const fetchMock = mockFetch({
    ...sessionRoutes(me),
    '/api/v1/ptw/permit-types/?project=1': () => jsonResponse(types),
    [`${LIST}&page=1&page_size=25`]: () => jsonResponse(page(permits)),
    ...Object.fromEntries(Object.entries(lists).map(([url, results]) => [url, () => jsonResponse(page(results))])),
  });
  renderWithProviders(
    <>
      <AppRoutes />
      <LocationDisplay />
    </>,
    { route },
  );
  return fetchMock;
}

function location() {
  return screen.getByTestId('location');
}

async function rows() {
  const table = await screen.findByRole('table');
  await within(table).findByText('Weld flange on line 4');
  return within(table).getAllByRole('row').slice(1);
}

describe('Permits list', () => {
  it('shows one row per permit with its number, type, status, window and requester', async () => {
    renderList('/permits?project=1');

    const [active, completed, submitted] = await rows();
    if (active === undefined || completed === undefined || submitted === undefined) throw new Error('rows missing');
    expect(within(active).getByRole('link', { name: 'PTW-2026-000019' })).toHaveAttribute('href', '/permits/19?project=1');
    expect(within(active).getByText('Hot work')).toBeInTheDocument();
    expect(within(active).getByText('Active')).toHaveClass('ant-tag-green');
    expect(within(active).getByText('Compressor house')).toBeInTheDocument();
    expect(within(active).getByText('Ravi Menon')).toBeInTheDocument();
    expect(active).toHaveTextContent('31 Dec 2019, 08:00 – 1 Jan 2020, 10:00');
    expect(within(active).getByText(/^overdue by /)).toHaveClass('ant-typography-danger');
    expect(within(completed).getByText('Completed')).toHaveClass('ant-tag-purple');
    expect(within(completed).getByText('1 Jan 2020, 08:00–10:00')).toBeInTheDocument();
    expect(within(completed).queryByText(/overdue/)).not.toBeInTheDocument();
    expect(within(submitted).getByText('Submitted')).toBeInTheDocument();
    expect(within(submitted).getByText(/^ends in /)).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: /Planned window \(Europe\/London\)/ })).toBeInTheDocument();
    expect(screen.getByText('Newest planned start first')).toBeInTheDocument();
  });

  it('writes a status filter into the address and asks the server for it', async () => {
    const fetchMock = renderList('/permits?project=1&page=2', meBody(), {
      [`${LIST}&page=2&page_size=25`]: permits,
      [`${LIST}&status=active&page=1&page_size=25`]: [weld],
    });
    await rows();

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Status' }));
    // antd lists the options as items titled by their label (its ARIA listbox shows only a window of them).
    fireEvent.click(await screen.findByTitle('Active'));

    await waitFor(() => {
      expect(location()).toHaveTextContent(/^\/permits\?project=1&status=active$/);
    });
    await waitFor(() => {
      expect(fetchMock).toHaveBeenCalledWith(`${LIST}&status=active&page=1&page_size=25`, expect.anything());
    });
  });

  it('reads its filters back from the address on a fresh load', async () => {
    const fetchMock = renderList('/permits?project=1&status=active&risk_level=high&search=flange&ordering=-planned_end', meBody(), {
      [`${LIST}&status=active&risk_level=high&search=flange&ordering=-planned_end&page=1&page_size=25`]: [weld],
    });

    expect(await screen.findByText('Weld flange on line 4')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search permits' })).toHaveValue('flange');
    expect(fetchMock).toHaveBeenCalledWith(
      `${LIST}&status=active&risk_level=high&search=flange&ordering=-planned_end&page=1&page_size=25`,
      expect.anything(),
    );
  });

  it('writes the search and the sort into the address', async () => {
    renderList('/permits?project=1');
    await rows();

    const search = screen.getByRole('searchbox', { name: 'Search permits' });
    fireEvent.change(search, { target: { value: 'pump' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => {
      expect(location()).toHaveTextContent(/^\/permits\?project=1&search=pump$/);
    });

    fireEvent.click(screen.getByRole('columnheader', { name: /Number/ }));
    await waitFor(() => {
      expect(location()).toHaveTextContent(/^\/permits\?project=1&search=pump&ordering=permit_number$/);
    });
  });

  it('exports the list as it is filtered and sorted, as CSV or Excel', async () => {
    const filtered = 'status=active&risk_level=high&search=flange&ordering=-planned_end';
    renderList(`/permits?project=1&${filtered}&page=2`, meBody(), {
      [`${LIST}&${filtered}&page=2&page_size=25`]: [weld],
    });
    await rows();

    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv).toHaveAttribute('href', `/api/v1/ptw/permits/export/?project=1&${filtered}&format=csv`);
    expect(csv).toHaveAttribute('download');
    expect(screen.getByRole('link', { name: 'Export Excel' })).toHaveAttribute(
      'href',
      `/api/v1/ptw/permits/export/?project=1&${filtered}&format=xlsx`,
    );
  });

  it('offers "New permit" to a user the server lets request permits', async () => {
    renderList('/permits?project=1');
    await rows();

    expect(screen.getByRole('link', { name: 'New permit' })).toHaveAttribute('href', '/permits/new?project=1');
  });

  it('offers no "New permit" without the request capability', async () => {
    renderList('/permits?project=1', meBody({ memberships: [{ ...northPlant, capabilities: ['verify'] }] }));
    await rows();

    expect(screen.queryByRole('link', { name: 'New permit' })).not.toBeInTheDocument();
  });

  it('sends the user to log in when the session has ended, and back here afterwards', async () => {
    const fetchMock = renderList('/permits?project=1&status=active');
    fetchMock.mockImplementation((input) =>
      Promise.resolve(
        input === '/api/v1/auth/me/'
          ? jsonResponse(meBody())
          : jsonResponse({ error: { code: 'not_authenticated', message: 'Log in.' } }, 401),
      ),
    );

    expect(await screen.findByRole('heading', { name: 'Log in to PTW' })).toBeInTheDocument();
    expect(location()).toHaveTextContent('/login?next=%2Fpermits%3Fproject%3D1%26status%3Dactive');
  });
});

describe('Permits list on a phone', () => {
  it('shows each permit as a card: number, full title, type, status, window and time left', async () => {
    window.innerWidth = 390;
    renderList('/permits?project=1');

    const cards = await screen.findByRole('region', { name: 'Permits' });
    await within(cards).findByText('Weld flange on line 4');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const card = within(cards).getByText('Weld flange on line 4').closest('.ant-card');
    if (!(card instanceof HTMLElement)) throw new Error('card missing');
    expect(within(card).getByRole('link', { name: 'PTW-2026-000019' })).toHaveAttribute('href', '/permits/19?project=1');
    expect(within(card).getByText('Hot work')).toBeInTheDocument();
    expect(within(card).getByText('Active')).toHaveClass('ant-tag-green');
    expect(card).toHaveTextContent('31 Dec 2019, 08:00 – 1 Jan 2020, 10:00');
    expect(within(card).getByText(/^overdue by /)).toHaveClass('ant-typography-danger');
    expect(within(cards).getAllByRole('link', { name: /^PTW-2026-/ })).toHaveLength(3);
    expect(screen.getByText('Newest planned start first')).toBeInTheDocument();
  });

  it('keeps the filters in a drawer behind a button counting those set', async () => {
    window.innerWidth = 390;
    renderList('/permits?project=1&status=active&risk_level=high', meBody(), {
      [`${LIST}&status=active&risk_level=high&page=1&page_size=25`]: [weld],
    });

    await screen.findByText('Weld flange on line 4');
    expect(screen.queryByRole('group', { name: 'Filters' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Filters \(2\)/ }));

    const filters = await screen.findByRole('group', { name: 'Filters' });
    expect(within(filters).getByRole('combobox', { name: 'Risk level' })).toBeInTheDocument();
    fireEvent.click(within(filters).getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => {
      expect(location()).toHaveTextContent(/^\/permits\?project=1$/);
    });
    expect(screen.getByRole('button', { name: /Filters \(0\)/ })).toBeInTheDocument();
  });

  it('turns the page of cards through the address', async () => {
    window.innerWidth = 390;
    const many = Array.from({ length: 25 }, (_, index) => permit(100 + index, {}));
    mockFetch({
      ...sessionRoutes(meBody()),
      '/api/v1/ptw/permit-types/?project=1': () => jsonResponse(types),
      [`${LIST}&page=1&page_size=25`]: () => jsonResponse({ count: 30, next: null, previous: null, results: many }),
      [`${LIST}&page=2&page_size=25`]: () => jsonResponse({ count: 30, next: null, previous: null, results: [weld] }),
    });
    renderWithProviders(
      <>
        <AppRoutes />
        <LocationDisplay />
      </>,
      { route: '/permits?project=1' },
    );

    await screen.findByText('Permit 100');
    fireEvent.click(screen.getByTitle('Next Page'));
    expect(await screen.findByText('Weld flange on line 4')).toBeInTheDocument();
    expect(location()).toHaveTextContent(/^\/permits\?project=1&page=2$/);
  });
});

describe('Permits list count', () => {
  it('shows a bounded count as "N+" when the server counted only up to its bound', async () => {
    const many = Array.from({ length: 25 }, (_, index) => permit(100 + index, {}));
    mockFetch({
      ...sessionRoutes(meBody()),
      '/api/v1/ptw/permit-types/?project=1': () => jsonResponse(types),
      [`${LIST}&page=1&page_size=25`]: () =>
        jsonResponse({ count: 10000, count_exact: false, next: null, previous: null, results: many }),
    });
    renderWithProviders(<AppRoutes />, { route: '/permits?project=1' });
    expect(await screen.findByText('10,000+ permits')).toBeInTheDocument();
  });

  it('shows an exact count as it is', async () => {
    renderList('/permits?project=1');
    await rows();
    expect(screen.getByText('3 permits')).toBeInTheDocument();
  });
});

describe('Permits list order', () => {
  it('says the default order beside the sort control, and not once another order is chosen', async () => {
    renderList('/permits?project=1&ordering=-planned_end', meBody(), {
      [`${LIST}&ordering=-planned_end&page=1&page_size=25`]: permits,
    });
    await rows();
    expect(screen.queryByText('Newest planned start first')).not.toBeInTheDocument();
  });
});

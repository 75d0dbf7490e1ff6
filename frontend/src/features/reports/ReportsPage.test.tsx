import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { jsonResponse, mockFetch, pageOf } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes, southYard } from '@/test/session';
import type { Me } from '@/lib/session';
import type { CountItem } from './ReportCharts';
import { exceptionPermitFixture, summaryFixture } from './testing/fixtures';

// The charting library draws on a canvas, which jsdom lacks: the chart lists what it was given instead.
vi.mock('./CountBarChart', () => ({
  CountBarChart: ({ items }: { items: readonly CountItem[] }) => (
    <ul data-testid="chart">
      {items.map((item) => (
        <li key={item.key}>{`${item.label} ${String(item.count)} ${item.color}`}</li>
      ))}
    </ul>
  ),
}));

const PERIOD = 'from=2026-11-01&to=2026-11-30';
const ROUTE = `/reports?project=1&${PERIOD}`;
const SUMMARY = '/api/v1/ptw/permits/reports_summary/?date_from=2026-11-01&date_to=2026-11-30&project=1';
const OVERDUE =
  '/api/v1/ptw/permits/reports_exceptions/?kind=overdue_verification&date_from=2026-11-01&date_to=2026-11-30' +
  '&project=1&page=1&page_size=25';

const overduePermits = [
  exceptionPermitFixture({
    id: 19,
    permit_number: 'PTW-2026-000019',
    title: 'Weld flange on line 4',
    permit_type: { id: 2, code: 'hot-work', name: 'Hot work', category: 'hot_work', color: '#f5222d' },
    planned_end: '2026-11-25T16:00:00Z',
  }),
  exceptionPermitFixture({ id: 20, permit_number: 'PTW-2026-000020', title: 'Replace pump seal' }),
];

function renderReports(route = ROUTE, routes: Record<string, () => Response> = {}, me?: Me) {
  const fetchMock = mockFetch({ ...sessionRoutes(me), [SUMMARY]: () => jsonResponse(summaryFixture()), ...routes });
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

function rowTexts(table: HTMLElement): (string | null)[] {
  return within(table)
    .getAllByRole('row')
    .map((row) => row.textContent);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Reports', () => {
  it('shows the period’s total, exceptions, durations and on-time rate, each with its definition', async () => {
    renderReports();

    const figures = await screen.findByRole('group', { name: 'Key figures' });
    expect(within(figures).getByText('42')).toBeInTheDocument();
    const overdue = within(figures).getByRole('button', { name: /Overdue verification/ });
    expect(overdue).toHaveTextContent('2Overdue verification');
    expect(overdue).toHaveAttribute('aria-pressed', 'false');
    expect(within(figures).getAllByRole('button').map((button) => button.textContent)).toEqual([
      '2Overdue verification',
      '0Overdue approval',
      '1Expiring soon',
      '3Isolation pending',
      '5Closeout pending',
      '1Not closed properly',
    ]);
    const definition = within(figures).getByLabelText(
      'Overdue verification: Submitted permits waiting for verification longer than the verification SLA.',
    );
    fireEvent.mouseEnter(definition);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Submitted permits waiting for verification longer than the verification SLA.',
    );

    const rates = screen.getByRole('group', { name: 'Durations and on-time close rate' });
    expect(rates).toHaveTextContent('Average time to verify3.5 hover 12 permits');
    expect(rates).toHaveTextContent('Average time to approve—over 0 permits');
    expect(rates).toHaveTextContent('Average time to close26.0 hover 1 permit');
    expect(
      within(rates).getByLabelText('Average time to close: Mean time from the start of work to hand-back.'),
    ).toBeInTheDocument();
    expect(within(rates).getByRole('progressbar', { name: 'On-time close rate' })).toHaveTextContent('83.3%');
    expect(rates).toHaveTextContent('5 of 6 completed permits closed on time');
    expect(screen.getByText(/^Permits created from 1 Nov 2026 to 30 Nov 2026; figures as of/)).toHaveTextContent(
      '30 Nov 2026, 12:00',
    );
  });

  it('charts permits by status, type and risk, with the numbers as tables', async () => {
    renderReports();

    const byStatus = await screen.findByRole('table', { name: 'Permits by status' });
    expect(rowTexts(byStatus)).toEqual(['StatusPermits', 'Submitted8', 'Active4', 'Completed30']);
    expect(rowTexts(screen.getByRole('table', { name: 'Permits by type' }))).toEqual([
      'TypePermits',
      'Hot work25',
      'General / cold work17',
    ]);
    expect(rowTexts(screen.getByRole('table', { name: 'Permits by risk level' }))).toEqual([
      'Risk levelPermits',
      'Low30',
      'High12',
      'Not assessed3',
    ]);
    const [statusChart, typeChart, riskChart] = await screen.findAllByTestId('chart');
    if (statusChart === undefined || typeChart === undefined || riskChart === undefined) throw new Error('charts missing');
    // Status and risk bars take their tags' theme colours; type bars the colour the type was given.
    expect(within(statusChart).getByText('Active 4 #52C41A')).toBeInTheDocument();
    expect(within(typeChart).getByText('Hot work 25 #f5222d')).toBeInTheDocument();
    expect(within(riskChart).getByText('High 12 #FA8C16')).toBeInTheDocument();
  });

  it('shows the permits behind an exception card when it is chosen, and hides them when chosen again', async () => {
    const fetchMock = renderReports(ROUTE, { [OVERDUE]: () => jsonResponse(pageOf(overduePermits)) });

    const card = await screen.findByRole('button', { name: /Overdue verification/ });
    fireEvent.click(card);

    const table = await screen.findByRole('table', { name: 'Overdue verification permits' });
    await within(table).findByText('Weld flange on line 4');
    expect(fetchMock).toHaveBeenCalledWith(OVERDUE, expect.anything());
    expect(location()).toHaveTextContent(`/reports?project=1&${PERIOD}&kind=overdue_verification`);
    expect(card).toHaveAttribute('aria-pressed', 'true');
    const [weld, seal] = within(table).getAllByRole('row').slice(1);
    if (weld === undefined || seal === undefined) throw new Error('rows missing');
    expect(within(weld).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'PTW-2026-000019',
      'Weld flange on line 4',
      'Hot work',
      'Submitted',
      '25 Nov 2026, 16:00',
    ]);
    expect(within(weld).getByRole('link', { name: 'PTW-2026-000019' })).toHaveAttribute('href', '/permits/19?project=1');
    expect(within(table).getByRole('columnheader', { name: 'Planned end (Europe/London)' })).toBeInTheDocument();
    expect(seal).toHaveTextContent('Replace pump seal');

    fireEvent.click(card);
    await waitFor(() => {
      expect(location()).toHaveTextContent(new RegExp(`^/reports\\?project=1&${PERIOD}$`));
    });
    expect(screen.queryByRole('table', { name: 'Overdue verification permits' })).not.toBeInTheDocument();
  });

  it('reads the chosen exception and its page back from the address', async () => {
    const page2 = OVERDUE.replace('page=1&page_size=25', 'page=2&page_size=10');
    const fetchMock = renderReports(`${ROUTE}&kind=overdue_verification&page=2&page_size=10`, {
      [page2]: () => jsonResponse({ ...pageOf(overduePermits), count: 12 }),
    });

    const table = await screen.findByRole('table', { name: 'Overdue verification permits' });
    await within(table).findByText('Weld flange on line 4');
    expect(fetchMock).toHaveBeenCalledWith(page2, expect.anything());
    expect(screen.getByText('12 permits')).toBeInTheDocument();
  });

  it('writes a new period into the address and asks the server for it', async () => {
    const october = '/api/v1/ptw/permits/reports_summary/?date_from=2026-10-01&date_to=2026-10-31&project=1';
    const fetchMock = renderReports(ROUTE, {
      [october]: () => jsonResponse(summaryFixture({ date_from: '2026-10-01', date_to: '2026-10-31', total: 7 })),
    });
    await screen.findByRole('group', { name: 'Key figures' });

    const first = screen.getByLabelText('First day of the report');
    const last = screen.getByLabelText('Last day of the report');
    expect(first).toHaveValue('1 Nov 2026');
    expect(last).toHaveValue('30 Nov 2026');
    fireEvent.mouseDown(first);
    fireEvent.focus(first);
    fireEvent.change(first, { target: { value: '2026-10-01' } });
    fireEvent.keyDown(first, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(last, { target: { value: '2026-10-31' } });
    fireEvent.keyDown(last, { key: 'Enter', code: 'Enter', keyCode: 13 });

    await waitFor(() => {
      expect(location()).toHaveTextContent(/^\/reports\?project=1&from=2026-10-01&to=2026-10-31$/);
    });
    expect(await screen.findByText(/^Permits created from 1 Oct 2026 to 31 Oct 2026/)).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(october, expect.anything());
    expect(within(screen.getByRole('group', { name: 'Key figures' })).getByText('7')).toBeInTheDocument();
  });

  it('covers the last 30 days up to today on site when the address names no period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Late evening in UTC is already the next day in Dubai.
    vi.setSystemTime(new Date('2026-11-30T22:00:00Z'));
    const summary = '/api/v1/ptw/permits/reports_summary/?date_from=2026-11-02&date_to=2026-12-01&project=2';
    const routes = { [summary]: () => jsonResponse(summaryFixture()) };
    const fetchMock = renderReports('/reports?project=2', routes, meBody({ memberships: [southYard] }));

    await screen.findByRole('group', { name: 'Key figures' });
    expect(fetchMock).toHaveBeenCalledWith(summary, expect.anything());
    expect(screen.getByLabelText('First day of the report')).toHaveValue('2 Nov 2026');
    expect(screen.getByLabelText('Last day of the report')).toHaveValue('1 Dec 2026');
    expect(screen.getByText('Whole days in Asia/Dubai')).toBeInTheDocument();
    expect(location()).toHaveTextContent(/^\/reports\?project=2$/);
  });

  it('shows why the server refused the period', async () => {
    const tooLong = '/api/v1/ptw/permits/reports_summary/?date_from=2025-01-01&date_to=2026-11-30&project=1';
    renderReports('/reports?project=1&from=2025-01-01&to=2026-11-30', {
      [tooLong]: () =>
        jsonResponse(
          {
            error: {
              code: 'validation_error',
              message: 'Some fields are invalid.',
              fields: { date_from: ['A report covers at most 366 days.'] },
              request_id: 'req-7',
            },
          },
          400,
        ),
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some fields are invalid.');
    expect(alert).toHaveTextContent('Request id: req-7');
    expect(screen.getByText('A report covers at most 366 days.')).toBeInTheDocument();
    expect(screen.getByLabelText('First day of the report')).toHaveAccessibleDescription(
      'A report covers at most 366 days.',
    );
    expect(screen.queryByRole('group', { name: 'Key figures' })).not.toBeInTheDocument();
  });

  it('offers the summary of the period as CSV and Excel files', async () => {
    renderReports();

    const csv = await screen.findByRole('link', { name: 'Download CSV' });
    expect(csv).toHaveAttribute('href', `${SUMMARY}&format=csv`);
    expect(csv).toHaveAttribute('download');
    expect(screen.getByRole('link', { name: 'Download Excel' })).toHaveAttribute('href', `${SUMMARY}&format=xlsx`);
  });

  it('offers the audit file of the period to issuers and project admins only', async () => {
    const issuer = meBody({ memberships: [{ ...northPlant, capabilities: ['approve'] }] });
    renderReports(ROUTE, {}, issuer);

    // The page's code loads on first use: give it longer than the default second on a busy machine.
    const audit = await screen.findByRole('link', { name: /Download audit file/ }, { timeout: 5000 });
    expect(audit).toHaveAttribute(
      'href',
      '/api/v1/ptw/permits/audit-export/?date_from=2026-11-01&date_to=2026-11-30&project=1',
    );
    expect(audit).toHaveAttribute('download');
  });

  it('offers no audit file to a requester', async () => {
    renderReports();

    expect(await screen.findByRole('link', { name: 'Download CSV' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Download audit file/ })).not.toBeInTheDocument();
  });

  it('is in the navigation under its own name, without a repeated section heading', async () => {
    renderReports();

    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    const navigation = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(navigation).queryByText('Reports', { selector: '.ant-menu-item-group-title' })).not.toBeInTheDocument();
    expect(within(navigation).getByRole('menuitem', { name: 'Reports' })).toBeInTheDocument();
  });
});

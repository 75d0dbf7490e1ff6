import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { jsonResponse, mockFetch, pageOf } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import type { RegisterIsolation } from '@/lib/api/models';
import { isolationFixture, registerIsolationFixture } from '@/test/partFixtures';
import { isolationRegisterUrl } from './api';

const REGISTER_URL = isolationRegisterUrl(1, 1, 25);

const adHoc: RegisterIsolation = {
  ...registerIsolationFixture(),
  ...isolationFixture({
    id: 5,
    name: 'Welding set isolator WS-4',
    status: 'isolated',
    lock_numbers: ['L-77'],
    isolated_by: { id: 21, name: 'Isabel Clarke' },
    isolated_at: '2026-11-25T15:00:00Z',
  }),
  permit: { id: 12, permit_number: 'PTW-2026-000012', title: 'Weld support bracket', status: 'approved' },
};

function renderRegister(results: RegisterIsolation[]) {
  const fetchMock = mockFetch({ ...sessionRoutes(), [REGISTER_URL]: () => jsonResponse(pageOf(results)) });
  renderWithProviders(<AppRoutes />, { route: '/isolations?project=1' });
  return fetchMock;
}

describe('Isolation register', () => {
  it('lists every live isolation of the project with its locks, people and permit', async () => {
    const fetchMock = renderRegister([registerIsolationFixture(), adHoc]);

    expect(await screen.findByRole('heading', { level: 1, name: 'Isolation register' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Live isolations' });
    await within(table).findByText('MCC-3 breaker 7');
    const [library, adHocRow] = within(table).getAllByRole('row').slice(1);
    if (library === undefined || adHocRow === undefined) throw new Error('rows missing');
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);

    expect(cells(library)).toEqual([
      'MCC-3-07MCC-3 breaker 7',
      'Electrical',
      'L-1001L-1002',
      'Verified',
      'Isabel Clarke25 Nov 2026, 14:10',
      'Ian Fraser25 Nov 2026, 14:20',
      'PTW-2026-000007Replace flange gasketActive',
    ]);
    expect(within(library).getByRole('link', { name: 'PTW-2026-000007' })).toHaveAttribute('href', '/permits/7?project=1');
    expect(cells(adHocRow)).toEqual([
      'ad hocWelding set isolator WS-4',
      'Electrical',
      'L-77',
      'Applied',
      'Isabel Clarke25 Nov 2026, 15:00',
      '—',
      'PTW-2026-000012Weld support bracketApproved',
    ]);
    expect(screen.getByText('2 live')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(REGISTER_URL, expect.anything());
  });

  it('shows each live isolation as a card on a phone', async () => {
    window.innerWidth = 390;
    renderRegister([registerIsolationFixture(), adHoc]);

    const cards = await screen.findByRole('region', { name: 'Live isolations' });
    await within(cards).findByText(/MCC-3 breaker 7/);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const card = within(cards).getByText(/Welding set isolator WS-4/).closest('.ant-card');
    if (!(card instanceof HTMLElement)) throw new Error('card missing');
    expect(within(card).getByText('ad hoc')).toBeInTheDocument();
    expect(within(card).getByText('Applied')).toBeInTheDocument();
    expect(within(card).getByText('L-77')).toBeInTheDocument();
    expect(within(card).getByText('Isabel Clarke')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'PTW-2026-000012' })).toHaveAttribute('href', '/permits/12?project=1');
    expect(within(card).getByText('Weld support bracket')).toBeInTheDocument();
    expect(within(card).getByText('Approved')).toBeInTheDocument();
  });

  it('says so when nothing is isolated', async () => {
    renderRegister([]);

    expect(await screen.findByText('No live isolations on this project.')).toBeInTheDocument();
  });

  it('is in the Isolations section of the navigation', async () => {
    renderRegister([]);

    const navigation = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(navigation).getByText('Isolations', { selector: '.ant-menu-item-group-title' })).toBeInTheDocument();
    expect(within(navigation).getByRole('menuitem', { name: 'Isolation register' })).toBeInTheDocument();
  });
});

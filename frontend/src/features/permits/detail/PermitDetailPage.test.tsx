import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { jsonResponse, mockFetch, pageOf } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes } from '@/test/session';
import { permitFixture, readinessFixture, typeFixture } from '@/test/permitFixtures';
import { gasTestFixture, projectFixture } from '@/test/partFixtures';

const PERMIT = '/api/v1/ptw/permits/7/';

function renderDetail(role: string) {
  const readiness = readinessFixture(['verify', 'reject']);
  readiness.requires = { ...readiness.requires, gas_test: true, toolbox_talk: true };
  mockFetch({
    ...sessionRoutes(meBody({ memberships: [{ ...northPlant, role }] })),
    [PERMIT]: () => jsonResponse(permitFixture({ status: 'submitted', allowed_actions: role === 'viewer' ? [] : ['verify', 'reject'] })),
    [`${PERMIT}readiness/`]: () => jsonResponse(readiness),
    [`${PERMIT}events/?page=1&page_size=100`]: () => jsonResponse(pageOf([])),
    [`${PERMIT}signatures/`]: () => jsonResponse([]),
    '/api/v1/ptw/permit-types/?project=1': () => jsonResponse([typeFixture({ requires_gas_test: true })]),
    [`${PERMIT}gas-tests/?page=1&page_size=100`]: () => jsonResponse(pageOf([gasTestFixture()])),
    '/api/v1/projects/1/': () => jsonResponse(projectFixture()),
  });
  renderWithProviders(<AppRoutes />, { route: '/permits/7?project=1' });
}

async function openGasTests() {
  const tab = await screen.findByRole('tab', { name: 'Gas tests required' });
  fireEvent.click(tab);
  return within(await screen.findByRole('tabpanel', { name: 'Gas tests required' }));
}

describe('PermitDetailPage parts', () => {
  it('shows a tab for every part of the permit, marking those its type requires', async () => {
    renderDetail('member');

    await screen.findByRole('tab', { name: 'Gas tests required' });
    const names = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(names).toEqual([
      'Overview',
      'Readiness',
      'Gas testsrequired',
      'Isolations',
      'Workers & toolbox talkrequired',
      'Closeout',
      'Attachments',
      'Time & handover',
      'Timeline (0)',
      'People & signatures',
    ]);
  });

  it('has one h1: the permit\'s number and title, not the page\'s name', async () => {
    renderDetail('member');

    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading).toHaveTextContent('PTW-2026-000007 · Replace flange gasket');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('offers a member the reading form', async () => {
    renderDetail('member');

    const panel = await openGasTests();
    expect(await panel.findByRole('button', { name: 'Record reading' })).toBeInTheDocument();
  });

  it('offers a viewer, read-only by their membership, no reading form', async () => {
    renderDetail('viewer');

    const panel = await openGasTests();
    expect(await panel.findByText('O2', { selector: 'td' })).toBeInTheDocument();
    expect(panel.queryByRole('button', { name: 'Record reading' })).not.toBeInTheDocument();
  });
});

describe('PermitDetailPage outside the caller’s scope', () => {
  it('says there is no such permit, without telling whether it exists elsewhere', async () => {
    mockFetch({ ...sessionRoutes() });
    renderWithProviders(<AppRoutes />, { route: '/permits/404?project=1' });
    expect(await screen.findByText('No such permit')).toBeInTheDocument();
    expect(screen.getByText('It does not exist, or it belongs to a project you are not a member of.')).toBeInTheDocument();
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
  });
});

describe('PermitDetailPage on a phone', () => {
  it('keeps print, QR code and edit in a "More" menu and the actions in the bar at the foot', async () => {
    window.innerWidth = 390;
    renderDetail('member');

    await screen.findByRole('tab', { name: 'Gas tests required' });
    const bar = within(await screen.findByRole('group', { name: 'Main actions' }));
    expect(bar.getAllByRole('button').map((button) => button.textContent)).toEqual(['Verify', 'Reject']);
    expect(screen.queryByRole('link', { name: /Print \(PDF\)/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /QR code/ })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: /More/ }));
    expect(await screen.findByRole('menuitem', { name: /Print \(PDF\)/ })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('menuitem', { name: /QR code/ }));
    expect(await screen.findByRole('img', { name: 'QR code of PTW-2026-000007' })).toHaveAttribute(
      'src',
      '/api/v1/ptw/permits/7/qr/',
    );
  });
});

import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { jsonResponse, livenessBody, mockFetch } from '../test/fetch';
import { renderWithProviders } from '../test/render';
import { AppRoutes } from './AppRoutes';
import { pages, sections } from './pages';

const readyBody = { ready: true, version: '0.1.0', checks: [{ name: 'database', status: 'ok', message: 'Reachable' }] };

beforeEach(() => {
  mockFetch({
    '/api/v1/health/': () => jsonResponse(livenessBody(__UI_SOURCE_HASH__)),
    '/api/v1/health/ready/': () => jsonResponse(readyBody),
  });
});

function navigation() {
  return within(screen.getByRole('navigation', { name: 'Main navigation' }));
}

describe('AppShell', () => {
  it('shows the product name and one menu item per registered page', async () => {
    renderWithProviders(<AppRoutes />, { route: '/system' });

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'PTW' })).toBeInTheDocument();
    const items = navigation().getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(pages.map((page) => page.title));
    for (const page of pages) expect(navigation().getByRole('menuitem', { name: page.title })).toBeInTheDocument();
  });

  it('shows only the sections that have a built page', () => {
    renderWithProviders(<AppRoutes />, { route: '/system' });

    const builtSections = new Set<string>(pages.map((page) => page.section));
    for (const section of sections) {
      if (builtSections.has(section)) expect(navigation().getByText(section)).toBeInTheDocument();
      else expect(navigation().queryByText(section)).not.toBeInTheDocument();
    }
  });

  it('redirects the start page to the first registered page', async () => {
    renderWithProviders(<AppRoutes />, { route: '/' });

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
  });

  it('answers an unknown address with a 404 inside the shell', () => {
    renderWithProviders(<AppRoutes />, { route: '/no/such/page' });

    expect(screen.getByText('Page not found')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
  });

  it('collapses the navigation to page icons on a 768 px wide screen', () => {
    window.innerWidth = 768;
    renderWithProviders(<AppRoutes />, { route: '/system' });

    expect(screen.getByRole('button', { name: 'Expand navigation' })).toHaveAttribute('aria-expanded', 'false');
    expect(navigation().queryByText('Administration')).not.toBeInTheDocument();
    for (const page of pages) expect(navigation().getByRole('menuitem', { name: page.title })).toBeInTheDocument();
  });

  it('keeps the navigation open on a desktop screen', () => {
    renderWithProviders(<AppRoutes />, { route: '/system' });

    expect(screen.getByRole('button', { name: 'Collapse navigation' })).toHaveAttribute('aria-expanded', 'true');
  });
});

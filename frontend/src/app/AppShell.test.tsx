import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { jsonResponse, livenessBody, mockFetch } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes, southYard } from '@/test/session';
import { AppRoutes } from './AppRoutes';
import { navPages, sections } from './pages';

const readyBody = { ready: true, version: '0.1.0', checks: [{ name: 'database', status: 'ok', message: 'Reachable' }] };

const healthRoutes = {
  '/api/v1/health/': () => jsonResponse(livenessBody(__UI_SOURCE_HASH__)),
  '/api/v1/health/ready/': () => jsonResponse(readyBody),
};

function useSession(...args: Parameters<typeof sessionRoutes>) {
  return mockFetch({ ...healthRoutes, ...sessionRoutes(...args) });
}

beforeEach(() => {
  useSession();
});

/** The project shown in the switcher (antd renders the choice beside its combobox input). */
function chosenProject() {
  return screen.getByRole('combobox', { name: 'Project' }).closest('.ant-select')?.querySelector('.ant-select-selection-item');
}

function navigation() {
  return within(screen.getByRole('navigation', { name: 'Main navigation' }));
}

function renderApp(route: string) {
  return renderWithProviders(
    <>
      <AppRoutes />
      <LocationDisplay />
    </>,
    { route },
  );
}

describe('AppShell', () => {
  it('shows the product name and one menu item per page in the navigation', async () => {
    renderApp('/system');

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'PTW' })).toBeInTheDocument();
    const items = navigation().getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(navPages.map((page) => page.title));
    for (const page of navPages) expect(navigation().getByRole('menuitem', { name: page.title })).toBeInTheDocument();
  });

  it('shows only the sections that have a page in the navigation', async () => {
    renderApp('/system');

    await screen.findByRole('navigation', { name: 'Main navigation' });
    const builtSections = new Set<string>(navPages.map((page) => page.section));
    for (const section of sections) {
      const heading = navigation().queryByText(section, { selector: '.ant-menu-item-group-title' });
      if (builtSections.has(section)) expect(heading).toBeInTheDocument();
      else expect(heading).not.toBeInTheDocument();
    }
  });

  it('redirects the start page to the permit list, keeping the project', async () => {
    renderApp('/?project=1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Permits' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/permits\?project=1$/);
  });

  it('answers an unknown address with a 404 inside the shell', async () => {
    renderApp('/no/such/page');

    expect(await screen.findByText('Page not found')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main navigation' })).toBeInTheDocument();
  });

  it('collapses the navigation to page icons on a 768 px wide screen', async () => {
    window.innerWidth = 768;
    renderApp('/system');

    expect(await screen.findByRole('button', { name: 'Expand navigation' })).toHaveAttribute('aria-expanded', 'false');
    expect(navigation().queryByText('Administration')).not.toBeInTheDocument();
    for (const page of navPages) expect(navigation().getByRole('menuitem', { name: page.title })).toBeInTheDocument();
  });

  it('keeps the navigation open on a desktop screen', async () => {
    renderApp('/system');

    expect(await screen.findByRole('button', { name: 'Collapse navigation' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows who is signed in, their side and grade, and the project', async () => {
    renderApp('/system');

    expect(await screen.findByRole('button', { name: 'User menu: Ravi Menon, Contractor · Grade C' })).toBeVisible();
    expect(screen.getByText('North Plant')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Project' })).not.toBeInTheDocument();
  });

  it('counts the tasks waiting for the user beside "Waiting for me"', async () => {
    useSession(meBody(), 3);
    renderApp('/system');

    const item = await screen.findByRole('menuitem', { name: /Waiting for me/ });
    await waitFor(() => {
      expect(within(item).getByTitle('3 waiting')).toHaveTextContent('3');
    });
  });

  it('sends a visitor without a session to log in, and remembers where they were going', async () => {
    mockFetch({
      ...healthRoutes,
      '/api/v1/auth/me/': () => jsonResponse({ error: { code: 'not_authenticated', message: 'Log in.' } }, 401),
    });
    renderApp('/system?project=1');

    expect(await screen.findByRole('heading', { name: 'Log in to PTW' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/login?next=%2Fsystem%3Fproject%3D1');
  });

  it('logs out from the user menu', async () => {
    const fetchMock = useSession();
    renderApp('/system');

    fireEvent.click(await screen.findByRole('button', { name: /^User menu/ }));
    fetchMock.mockImplementation((input) => {
      if (input === '/api/v1/auth/logout/') return Promise.resolve(new Response(null, { status: 204 }));
      return Promise.resolve(jsonResponse({ error: { code: 'not_authenticated', message: 'Log in.' } }, 401));
    });
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in to PTW' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/login$/);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/auth/logout/', expect.objectContaining({ method: 'POST' }));
  });

  it('says so when the server refuses to log out, and stays', async () => {
    const fetchMock = useSession();
    renderApp('/system');

    fireEvent.click(await screen.findByRole('button', { name: /^User menu/ }));
    fetchMock.mockImplementation((input) =>
      Promise.resolve(
        input === '/api/v1/auth/logout/'
          ? jsonResponse({ error: { code: 'forbidden', message: 'You may not do this.' } }, 403)
          : jsonResponse(meBody()),
      ),
    );
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByText('Not logged out: You may not do this.')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/system$/);
  });
});

describe('Project switcher', () => {
  it('offers every project of the user and puts the chosen one in the address', async () => {
    useSession(meBody({ memberships: [northPlant, southYard] }));
    renderApp('/system');

    const switcher = await screen.findByRole('combobox', { name: 'Project' });
    expect(chosenProject()).toHaveTextContent('North Plant');
    fireEvent.mouseDown(switcher);
    fireEvent.click(await screen.findByRole('option', { name: 'South Yard' }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/system\?project=2$/);
    });
    expect(chosenProject()).toHaveTextContent('South Yard');
    expect(navigation().getByRole('link', { name: 'Permits' })).toHaveAttribute('href', '/permits?project=2');
  });

  it.each([
    ['/system?project=2', 'South Yard'],
    ['/system?project=99', 'North Plant'],
    ['/system', 'North Plant'],
  ])('at %s works on %s: the address names it, else the first membership', async (route, name) => {
    useSession(meBody({ memberships: [northPlant, southYard] }));
    renderApp(route);

    await screen.findByRole('combobox', { name: 'Project' });
    expect(chosenProject()).toHaveTextContent(name);
  });

  it('goes to the start page of the new project when the page belongs to the old one', async () => {
    useSession(meBody({ memberships: [northPlant, southYard] }));
    renderApp('/no/such/page?project=1');

    fireEvent.mouseDown(await screen.findByRole('combobox', { name: 'Project' }));
    fireEvent.click(await screen.findByRole('option', { name: 'South Yard' }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/permits\?project=2$/);
    });
  });
});

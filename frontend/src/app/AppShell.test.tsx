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

/** A project admin of the client: every navigation entry is theirs. */
const admin = meBody({
  company: { id: 1, name: 'North Operator', side: 'client' },
  memberships: [{ ...northPlant, role: 'project_admin' }],
});

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
    useSession(admin);
    renderApp('/system');

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'PTW' })).toBeInTheDocument();
    const items = navigation().getAllByRole('menuitem');
    expect(items.map((item) => item.textContent)).toEqual(navPages.map((page) => page.title));
    for (const page of navPages) expect(navigation().getByRole('menuitem', { name: page.title })).toBeInTheDocument();
  });

  it('heads each section that has a page, except a section whose one page bears its name', async () => {
    useSession(admin);
    renderApp('/system');

    await screen.findByRole('navigation', { name: 'Main navigation' });
    const headings = [...document.querySelectorAll('.ant-menu-item-group-title')].map((node) => node.textContent);
    const expected = sections.filter((section) => {
      const sectionPages = navPages.filter((page) => page.section === section);
      return sectionPages.length > 1 || (sectionPages.length === 1 && sectionPages[0]?.title !== section);
    });
    expect(headings).toEqual(expected);
    expect(expected).toEqual(['Isolations', 'Administration']);
    expect(navigation().getByRole('menuitem', { name: 'Permits' })).toBeInTheDocument();
    expect(navigation().getByRole('menuitem', { name: 'Waiting for me' })).toBeInTheDocument();
    expect(navigation().getByRole('menuitem', { name: 'Reports' })).toBeInTheDocument();
  });

  it.each([
    ['a contractor', meBody(), []],
    ['a viewer', meBody({ company: null, memberships: [{ ...northPlant, role: 'viewer' }] }), []],
    [
      'a member of the client',
      meBody({ company: { id: 1, name: 'North Operator', side: 'client' } }),
      ['System status'],
    ],
    ['a project admin', admin, ['System status', 'Isolation library', 'Webhooks']],
    [
      'a tenant admin',
      meBody({ is_tenant_admin: true, company: { id: 1, name: 'North Operator', side: 'client' } }),
      ['System status', 'Isolation library', 'Webhooks'],
    ],
  ])('offers %s the administration pages the server lets them use: %j', async (_who, me, shown) => {
    useSession(me);
    renderApp('/permits');

    await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(navigation().getByRole('menuitem', { name: 'Permits' })).toBeInTheDocument();
    for (const title of ['System status', 'Isolation library', 'Webhooks']) {
      if (shown.includes(title)) expect(navigation().getByRole('menuitem', { name: title })).toBeInTheDocument();
      else expect(navigation().queryByRole('menuitem', { name: title })).not.toBeInTheDocument();
    }
    const heading = navigation().queryByText('Administration', { selector: '.ant-menu-item-group-title' });
    if (shown.length === 0) expect(heading).not.toBeInTheDocument();
    else expect(heading).toBeInTheDocument();
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
    useSession(admin);
    renderApp('/system');

    expect(await screen.findByRole('button', { name: 'Expand navigation' })).toHaveAttribute('aria-expanded', 'false');
    expect(navigation().queryByText('Administration')).not.toBeInTheDocument();
    for (const page of navPages) expect(navigation().getByRole('menuitem', { name: page.title })).toBeInTheDocument();
  });

  it('puts the navigation and the project switcher in a drawer behind a menu button on a phone', async () => {
    window.innerWidth = 390;
    useSession(meBody({ memberships: [northPlant, southYard] }));
    renderApp('/system');

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(document.querySelector('.ant-layout-sider')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Project' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^User menu: Ravi Menon/ })).not.toHaveTextContent('Ravi Menon');
    const menuButton = screen.getByRole('button', { name: 'Open navigation' });
    expect(menuButton).toHaveAttribute('aria-expanded', 'false');

    fireEvent.click(menuButton);
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('combobox', { name: 'Project' })).toBeInTheDocument();
    fireEvent.click(navigation().getByRole('link', { name: 'Permits' }));

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/permits\?project=1$/);
    });
    expect(screen.getByRole('button', { name: 'Open navigation' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('keeps the sidebar on a 768 px tablet, with no drawer button', async () => {
    window.innerWidth = 768;
    renderApp('/system');

    await screen.findByRole('button', { name: 'Expand navigation' });
    expect(screen.queryByRole('button', { name: 'Open navigation' })).not.toBeInTheDocument();
    expect(document.querySelector('.ant-layout-sider')).not.toBeNull();
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

import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import {
  adminMe,
  changeFixture,
  COMPANIES_URL,
  historyPage,
  historyUrlOf,
  INVITE_URL,
  memberFixture,
  MEMBERS_URL,
} from '../testing/fixtures';

const vera = memberFixture();
const ravi = memberFixture(
  { id: 22, version: 2 },
  { id: 6, name: 'Ravi Menon', email: 'ravi@acme.example', grade: 'C', company: { id: 3, name: 'Acme Site Services', side: 'contractor' } },
);

function renderPage(routes: Record<string, () => Response> = {}) {
  const fetchMock = mockFetch({
    ...sessionRoutes(adminMe()),
    [`GET ${MEMBERS_URL}`]: () => jsonResponse([ravi, vera]),
    [COMPANIES_URL]: () =>
      jsonResponse([
        { id: 2, name: 'Acme EPC Engineering', side: 'epc' },
        { id: 3, name: 'Acme Site Services', side: 'contractor' },
      ]),
    [historyUrlOf('member')]: () =>
      jsonResponse(
        historyPage([changeFixture({ subject: 'member', action: 'deactivate', changes: { is_active: [true, false] } })]),
      ),
    ...routes,
  });
  renderWithProviders(<AppRoutes />, { route: '/admin/members?project=1' });
  return fetchMock;
}

async function memberRow(name: string) {
  const table = await screen.findByRole('table', { name: 'Members' });
  const row = (await within(table).findByText(name)).closest('tr');
  if (row === null) throw new Error(`no row for ${name}`);
  return within(row);
}

describe('Members page', () => {
  it('lists the members with company, side, grade, role and state, and the history', async () => {
    renderPage();

    const row = await memberRow('Vera Ortiz');
    expect(row.getByText('Acme EPC Engineering (EPC)')).toBeInTheDocument();
    expect(row.getByText('Member')).toBeInTheDocument();
    expect(row.getByText('Active')).toBeInTheDocument();
    const history = within(await screen.findByRole('table', { name: 'History' }));
    expect(await history.findByText('Deactivated')).toBeInTheDocument();
  });

  it('invites a person into a new company and shows their one-time password', async () => {
    const invited = {
      member: memberFixture({ id: 30 }, { id: 12, name: 'Nadia New', email: 'nadia@acme.example', grade: 'A' }),
      initial_password: 'q4T-9xLm2PzK0aRw',
    };
    const fetchMock = renderPage({ [`POST ${INVITE_URL}`]: () => jsonResponse(invited, 201) });

    fireEvent.click(await screen.findByRole('button', { name: 'Invite a person' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Name'), { target: { value: ' Nadia New ' } });
    fireEvent.change(dialog.getByLabelText('E-mail (their log-in)'), { target: { value: 'nadia@acme.example' } });
    fireEvent.click(dialog.getByLabelText('A new company'));
    fireEvent.change(await dialog.findByLabelText('New company’s name'), { target: { value: 'Delta Scaffolding' } });
    fireEvent.mouseDown(dialog.getByLabelText('Its side'));
    fireEvent.click(await screen.findByTitle('Contractor'));
    fireEvent.click(dialog.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByText('q4T-9xLm2PzK0aRw')).toBeInTheDocument();
    const [post] = callsTo(fetchMock, 'POST', INVITE_URL);
    expect(sentHeaders(post?.[1]).get('Idempotency-Key')).not.toBeNull();
    expect(sentBody(post?.[1])).toEqual({
      name: 'Nadia New',
      email: 'nadia@acme.example',
      grade: 'C',
      role: 'member',
      new_company: { name: 'Delta Scaffolding', side: 'contractor' },
    });
  });

  it('deactivates a member with If-Match, sending only that', async () => {
    const fetchMock = renderPage({
      [`PATCH ${MEMBERS_URL}`]: () => jsonResponse({ ...ravi, is_active: false, version: 3 }),
    });

    fireEvent.click((await memberRow('Ravi Menon')).getByRole('button', { name: 'Change Ravi Menon' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.click(dialog.getByRole('switch'));
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Ravi Menon saved.')).toBeInTheDocument();
    const [patch] = callsTo(fetchMock, 'PATCH', MEMBERS_URL);
    expect(sentHeaders(patch?.[1]).get('If-Match')).toBe('"2"');
    expect(sentBody(patch?.[1])).toEqual({ id: 22, is_active: false });
  });

  it('shows the member as saved meanwhile in the conflict dialog', async () => {
    const current = { ...ravi, version: 3, user: { ...ravi.user, grade: 'A' } };
    renderPage({
      [`PATCH ${MEMBERS_URL}`]: () =>
        jsonResponse({ error: { code: 'version_conflict', message: 'Changed by someone else.', current } }, 409),
    });

    fireEvent.click((await memberRow('Ravi Menon')).getByRole('button', { name: 'Change Ravi Menon' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.mouseDown(dialog.getByLabelText('Grade'));
    fireEvent.click(await screen.findByTitle('B — team leader / manager'));
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));

    const title = await screen.findByText('Ravi Menon was changed by someone else');
    const dialogElement = title.closest<HTMLElement>('.ant-modal');
    if (dialogElement === null) throw new Error('no conflict dialog');
    const conflict = within(dialogElement);
    expect(conflict.getByRole('cell', { name: 'grade' }).closest('tr')).toHaveTextContent('gradeAB');
  });
});

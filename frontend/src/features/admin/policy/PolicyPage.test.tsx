import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';
import type { Me } from '@/lib/session';
import type { PolicyPreview } from '../api';
import {
  adminMe,
  adminProject,
  changeFixture,
  historyPage,
  historyUrlOf,
  holder,
  PREVIEW_URL,
  PROJECT_URL,
} from '../testing/fixtures';

const vera = holder(5, 'Vera Ortiz', 'B');
const victor = holder(6, 'Victor Chen', 'A');
const iris = holder(7, 'Iris Client', 'A', 'client');
const ravi = holder(8, 'Ravi Menon', 'C', 'contractor');

function renderPage({ me = adminMe(), routes = {} }: { me?: Me; routes?: Record<string, () => Response> } = {}) {
  const preview: { answer: PolicyPreview } = { answer: { request: [ravi], verify: [vera, victor], approve: [iris] } };
  const fetchMock = mockFetch({
    ...sessionRoutes(me),
    [`GET ${PROJECT_URL}`]: () => jsonResponse(adminProject()),
    [`POST ${PREVIEW_URL}`]: () => jsonResponse(preview.answer),
    [historyUrlOf('policy')]: () => jsonResponse(historyPage([changeFixture()])),
    ...routes,
  });
  renderWithProviders(<AppRoutes />, { route: '/admin/policy?project=1' });
  return { fetchMock, preview };
}

async function holdersOf(label: string) {
  return within(await screen.findByRole('region', { name: `${label} holders` }));
}

describe('Policy page', () => {
  it('shows the policy as a matrix with who holds each capability today, and its history', async () => {
    renderPage();

    expect(await screen.findByRole('checkbox', { name: 'Verify: EPC grade A' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Verify: EPC grade B' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Verify: EPC grade C' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Approve / issue: Client grade A' })).toBeChecked();
    expect(await (await holdersOf('Verify')).findByText(/Vera Ortiz/)).toBeInTheDocument();
    expect((await holdersOf('Verify')).getByText(/Victor Chen/)).toBeInTheDocument();
    const history = within(await screen.findByRole('table', { name: 'History' }));
    expect(await history.findByText('Ada Admin')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  });

  it('previews the change live and saves it with If-Match', async () => {
    const { fetchMock, preview } = renderPage({
      routes: { [`PATCH ${PROJECT_URL}`]: () => jsonResponse(adminProject({ version: 4 })) },
    });

    const gradeB = await screen.findByRole('checkbox', { name: 'Verify: EPC grade B' });
    await (await holdersOf('Verify')).findByText(/Vera Ortiz/);
    preview.answer = { ...preview.answer, verify: [victor] };
    fireEvent.click(gradeB);

    await waitFor(async () => {
      expect((await holdersOf('Verify')).queryByText(/Vera Ortiz/)).not.toBeInTheDocument();
    });
    const previews = callsTo(fetchMock, 'POST', PREVIEW_URL);
    expect(sentBody(previews.at(-1)?.[1])).toMatchObject({ policy: { verify: [{ side: 'epc', grades: ['A'] }] } });

    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    await screen.findByText('Policy table saved: it applies to every permit from now on.');
    const [patch] = callsTo(fetchMock, 'PATCH', PROJECT_URL);
    expect(sentHeaders(patch?.[1]).get('If-Match')).toBe('"3"');
    expect(sentBody(patch?.[1])).toEqual({
      policy: {
        request: [
          { side: 'contractor', grades: ['A', 'B', 'C'] },
          { side: 'epc', grades: ['B', 'C'] },
        ],
        verify: [{ side: 'epc', grades: ['A'] }],
        approve: [{ side: 'client', grades: ['A', 'B'] }],
      },
    });
  });

  it('will not save a table that leaves a capability with nobody', async () => {
    const { preview } = renderPage();

    const gradeA = await screen.findByRole('checkbox', { name: 'Approve / issue: Client grade A' });
    await (await holdersOf('Approve / issue')).findByText(/Iris Client/);
    preview.answer = { ...preview.answer, approve: [] };
    fireEvent.click(gradeA);

    expect(await (await holdersOf('Approve / issue')).findByText('Nobody on this project would hold this.')).toBeInTheDocument();
    expect(screen.getByText('Give approve / issue to someone on the project before saving.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  });

  it('shows the table saved meanwhile in the conflict dialog and re-applies on its version', async () => {
    const current = adminProject({
      version: 5,
      policy: { ...adminProject().policy, verify: [{ side: 'epc', grades: ['A', 'B', 'C'] }] },
    });
    let answers = 0;
    const { fetchMock } = renderPage({
      routes: {
        [`PATCH ${PROJECT_URL}`]: () =>
          answers++ === 0
            ? jsonResponse(
                { error: { code: 'version_conflict', message: 'Changed by someone else.', current } },
                409,
              )
            : jsonResponse(adminProject({ version: 6 })),
      },
    });

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Verify: EPC grade B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));

    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('The policy table was changed by someone else')).toBeInTheDocument();
    const verifyRow = dialog.getByRole('cell', { name: 'Verify' }).closest('tr');
    expect(verifyRow).toHaveTextContent('EPC A, B, C');
    expect(verifyRow).toHaveTextContent('EPC A');
    fireEvent.click(dialog.getByRole('button', { name: 'Re-apply my changes' }));

    await screen.findByText('Policy table saved: it applies to every permit from now on.');
    const patches = callsTo(fetchMock, 'PATCH', PROJECT_URL);
    expect(patches.map(([, init]) => sentHeaders(init).get('If-Match'))).toEqual(['"3"', '"5"']);
  });

  it('tells a member the page is for admins and reads nothing', async () => {
    const { fetchMock } = renderPage({ me: meBody() });

    expect(await screen.findByText('Only a project admin of North Plant can see and change this.')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'GET', PROJECT_URL)).toHaveLength(0);
    expect(callsTo(fetchMock, 'POST', PREVIEW_URL)).toHaveLength(0);
    expect(screen.queryByRole('link', { name: /Policy table/ })).not.toBeInTheDocument();
  });
});

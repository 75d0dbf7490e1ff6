import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { projectSettingsFixture } from '@/test/partFixtures';
import { sessionRoutes } from '@/test/session';
import { adminMe, adminProject, changeFixture, historyPage, historyUrlOf, PROJECT_URL } from '../testing/fixtures';

function renderPage(routes: Record<string, () => Response> = {}) {
  const fetchMock = mockFetch({
    ...sessionRoutes(adminMe()),
    [`GET ${PROJECT_URL}`]: () => jsonResponse(adminProject()),
    [historyUrlOf('settings')]: () =>
      jsonResponse(
        historyPage([
          changeFixture({ subject: 'settings', changes: { 'ptw_settings.grace_hours': [2, 3] } }),
        ]),
      ),
    ...routes,
  });
  renderWithProviders(<AppRoutes />, { route: '/admin/settings?project=1' });
  return fetchMock;
}

describe('PTW settings page', () => {
  it('shows the settings, the shifts and the history', async () => {
    renderPage();

    expect(await screen.findByLabelText('Verification SLA (hours)')).toHaveValue('4');
    expect(screen.getByLabelText('Gas test validity (minutes)')).toHaveValue('120');
    expect(screen.getByLabelText('Day shift starts')).toHaveValue('08:00');
    expect(screen.getByLabelText('Night shift ends')).toHaveValue('06:00');
    const history = within(await screen.findByRole('table', { name: 'History' }));
    expect(await history.findByText('ptw_settings.grace_hours')).toBeInTheDocument();
  });

  it('sends only what changed, with If-Match', async () => {
    const saved = adminProject({
      version: 4,
      ptw_settings: { ...projectSettingsFixture, verification_sla_hours: 8 },
      shifts: { day: { start: '07:00', end: '18:00' }, night: { start: '20:00', end: '06:00' } },
    });
    const fetchMock = renderPage({ [`PATCH ${PROJECT_URL}`]: () => jsonResponse(saved) });

    fireEvent.change(await screen.findByLabelText('Verification SLA (hours)'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('Day shift starts'), { target: { value: '07:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Settings saved: they apply from now on.');
    const [patch] = callsTo(fetchMock, 'PATCH', PROJECT_URL);
    expect(sentHeaders(patch?.[1]).get('If-Match')).toBe('"3"');
    expect(sentBody(patch?.[1])).toEqual({
      ptw_settings: { verification_sla_hours: 8 },
      shifts: { day: { start: '07:00', end: '18:00' } },
    });
  });

  it('refuses a time that is not HH:MM before sending', async () => {
    const fetchMock = renderPage();

    fireEvent.change(await screen.findByLabelText('Night shift starts'), { target: { value: '25:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('A time of day, HH:MM (00:00 to 23:59).')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'PATCH', PROJECT_URL)).toHaveLength(0);
  });

  it('shows the value saved meanwhile beside the admin’s own in the conflict dialog', async () => {
    const current = adminProject({ version: 7, ptw_settings: { ...projectSettingsFixture, grace_hours: 6 } });
    renderPage({
      [`PATCH ${PROJECT_URL}`]: () =>
        jsonResponse({ error: { code: 'version_conflict', message: 'Changed by someone else.', current } }, 409),
    });

    fireEvent.change(await screen.findByLabelText('Grace after planned end (hours)'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('The PTW settings were changed by someone else')).toBeInTheDocument();
    const row = dialog.getByRole('cell', { name: 'Grace after planned end' }).closest('tr');
    expect(row).toHaveTextContent('Grace after planned end61');
    fireEvent.click(dialog.getByRole('button', { name: 'Discard mine' }));
    expect(await screen.findByLabelText('Grace after planned end (hours)')).toHaveValue('6');
  });
});

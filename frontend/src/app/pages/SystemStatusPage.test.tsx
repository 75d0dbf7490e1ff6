import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Readiness } from '@/features/ops/api/health';
import { jsonResponse, livenessBody, mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import { AppRoutes } from '../AppRoutes';

const notReady: Readiness = {
  ready: false,
  version: '0.1.0',
  checks: [
    { name: 'database', status: 'ok', message: 'SQLite reachable' },
    { name: 'migrations', status: 'critical', message: '3 migrations pending' },
    { name: 'worker', status: 'warning', message: 'Last heartbeat 4 minutes ago' },
  ],
};

describe('System status page', () => {
  it('shows every check of a 503 readiness answer', async () => {
    mockFetch({
      ...sessionRoutes(),
      '/api/v1/health/': () => jsonResponse(livenessBody(null)),
      '/api/v1/health/ready/': () => jsonResponse(notReady, 503),
    });
    renderWithProviders(<AppRoutes />, { route: '/system' });

    expect(await screen.findByText('Not ready')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(notReady.checks.length);
    const expected = [
      ['database', 'OK', 'SQLite reachable'],
      ['migrations', 'Critical', '3 migrations pending'],
      ['worker', 'Warning', 'Last heartbeat 4 minutes ago'],
    ];
    rows.forEach((row, index) => {
      const cells = within(row).getAllByRole('cell').map((cell) => cell.textContent);
      expect(cells).toEqual(expected[index]);
    });
  });

  it('shows the server error when readiness cannot be read', async () => {
    mockFetch({
      ...sessionRoutes(),
      '/api/v1/health/': () => jsonResponse(livenessBody(null)),
      '/api/v1/health/ready/': () =>
        jsonResponse({ error: { code: 'server_error', message: 'Something broke.', request_id: 'req-42' } }, 500),
    });
    renderWithProviders(<AppRoutes />, { route: '/system' });

    expect(await screen.findByText('Something broke.')).toBeInTheDocument();
    expect(screen.getByText('Request id: req-42')).toBeInTheDocument();
  });
});

import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import type { Certificate } from '@/lib/api/models';
import { jsonResponse, mockFetch, pageOf } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes } from '@/test/session';
import { certificatesUrl } from './api';
import { certificateStatusText } from './certificateStatus';

const LIST_URL = certificatesUrl(1, { kind: '', page: 1, pageSize: 25 });

function certificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    id: 1,
    project: 1,
    holder: { type: 'user', id: 4, name: 'Vera Okafor', company: 'Acme EPC Engineering' },
    kind: { id: 1, code: 'authorised-gas-tester', name: 'Authorised gas tester', is_active: true },
    number: 'AGT-101',
    issued_on: '2026-01-10',
    expires_on: '2027-01-10',
    status: 'valid',
    days_left: 400,
    evidence_name: '',
    evidence_type: '',
    evidence_url: null,
    recorded_by: { id: 9, name: 'Ada Admin' },
    recorded_at: '2026-01-10T09:00:00Z',
    superseded_by: null,
    revoked_at: null,
    revoked_reason: '',
    version: 1,
    ...overrides,
  };
}

const rows = [
  certificate(),
  certificate({ id: 2, number: 'AGT-102', status: 'expiring', days_left: 12, holder: { type: 'worker', id: 3, name: 'Ana Ropes', company: 'Ropes Ltd' } }),
  certificate({ id: 3, number: 'AGT-103', status: 'expired', days_left: -10, evidence_url: '/api/v1/ptw/competency/certificates/3/evidence/', evidence_name: 'card.pdf' }),
  certificate({ id: 4, number: 'AGT-104', status: 'revoked' }),
];

function renderRegister(role: string) {
  const me = meBody({ memberships: [{ ...northPlant, role }] });
  mockFetch({
    ...sessionRoutes(me),
    [LIST_URL]: () => jsonResponse(pageOf(rows)),
    '/api/v1/ptw/competency/kinds/': () => jsonResponse([certificate().kind]),
  });
  renderWithProviders(<AppRoutes />, { route: '/competency?project=1' });
}

describe('Competency register', () => {
  it('lists certificates with their standing, and offers admins to add, renew and revoke', { timeout: 60_000 }, async () => {
    renderRegister('project_admin');
    const table = await screen.findByRole('table', { name: 'Certificates' });
    await within(table).findByText('AGT-102');
    const tags = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell')[5]?.textContent);
    expect(tags).toEqual(['Valid', 'Expiring in 12 days', 'Expired', 'Revoked']);
    expect(within(table).getByText('Worker, Ropes Ltd')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'card.pdf' })).toHaveAttribute(
      'href',
      '/api/v1/ptw/competency/certificates/3/evidence/',
    );
    expect(screen.getByRole('button', { name: 'Add certificate' })).toBeInTheDocument();
    expect(within(table).getAllByRole('button', { name: /^Renew / })).toHaveLength(3);
  });

  it('shows members the register without writes', async () => {
    renderRegister('member');
    const table = await screen.findByRole('table', { name: 'Certificates' });
    await within(table).findByText('AGT-101');
    expect(screen.queryByRole('button', { name: 'Add certificate' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /^Renew / })).not.toBeInTheDocument();
  });

  it('words a certificate expiring soon by its days left', () => {
    expect(certificateStatusText({ status: 'expiring', days_left: 1 })).toBe('Expiring in 1 day');
    expect(certificateStatusText({ status: 'expiring', days_left: 0 })).toBe('Expires today');
    expect(certificateStatusText({ status: 'superseded', days_left: 5 })).toBe('Renewed');
  });
});

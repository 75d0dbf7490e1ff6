import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { permitFixture } from '@/test/permitFixtures';
import { PrintControls } from './PrintControls';

describe('PrintControls', () => {
  it('offers the audit file to those the server lets export it', () => {
    const permit = permitFixture({ id: 7, can: { extension: false, handover: false, audit_export: true, attach: false, delete_attachments: false } });
    renderWithProviders(<PrintControls permit={permit} />);

    const link = screen.getByRole('link', { name: /Download audit file/ });
    expect(link).toHaveAttribute('href', '/api/v1/ptw/permits/7/audit-export/');
    expect(link).toHaveAttribute('download');
  });

  it('offers no audit file to the others', () => {
    renderWithProviders(<PrintControls permit={permitFixture({ id: 7 })} />);

    expect(screen.getByRole('link', { name: /Print \(PDF\)/ })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Download audit file/ })).not.toBeInTheDocument();
  });
});

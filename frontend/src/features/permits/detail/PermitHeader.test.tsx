import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { permitFixture } from '@/test/permitFixtures';
import { PermitHeader } from './PermitHeader';

describe('PermitHeader', () => {
  it('tells the requester who rejected the permit, when and why', () => {
    const permit = permitFixture({
      status: 'rejected',
      rejection: { by: { id: 12, name: 'Asha Verma' }, at: '2026-11-25T09:30:00Z', reason: 'Hazards miss the live cable' },
    });
    renderWithProviders(<PermitHeader permit={permit} timeZone="Asia/Kolkata" />);

    expect(screen.getByText('Rejected by Asha Verma on 25 Nov 2026, 15:00')).toBeInTheDocument();
    expect(screen.getByText('Reason: Hazards miss the live cable')).toBeInTheDocument();
  });

  it('says nothing about a rejection while the permit is not rejected', () => {
    renderWithProviders(<PermitHeader permit={permitFixture({ status: 'submitted' })} timeZone="UTC" />);

    expect(screen.queryByText(/Rejected by/)).not.toBeInTheDocument();
  });
});

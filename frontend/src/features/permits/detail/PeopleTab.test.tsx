import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Signature } from '@/lib/api/models';
import { permitFixture } from '@/test/permitFixtures';
import { DRAWN_PNG } from '../testing/signaturePad';
import { PeopleTab } from './PeopleTab';

function signatureFixture(overrides: Partial<Signature> = {}): Signature {
  return {
    id: 1,
    action: 'submit',
    signer: { id: 11, name: 'Ravi Menon' },
    role: 'requester',
    method: 'typed',
    data: 'Ravi Menon',
    signed_at: '2026-11-25T07:30:00Z',
    content_hash: 'a'.repeat(64),
    valid: true,
    voided_at: null,
    void_reason: '',
    ...overrides,
  };
}

function rowOf(signer: string) {
  return within(within(screen.getByRole('region', { name: 'Signatures' })).getByRole('row', { name: new RegExp(signer) }));
}

describe('PeopleTab', () => {
  it('shows a drawn signature as its image and a typed one by name of its method', () => {
    const signatures = [
      signatureFixture({ id: 1 }),
      signatureFixture({
        id: 2,
        action: 'verify',
        method: 'drawn',
        data: DRAWN_PNG,
        signer: { id: 12, name: 'Elena Petrova' },
      }),
    ];
    render(<PeopleTab permit={permitFixture()} signatures={signatures} timeZone="Europe/London" />);

    expect(rowOf('Ravi Menon').getByText('Typed name')).toBeInTheDocument();
    expect(rowOf('Ravi Menon').queryByRole('img')).not.toBeInTheDocument();
    const image = rowOf('Elena Petrova').getByRole('img', { name: 'Drawn signature of Elena Petrova' });
    expect(image).toHaveAttribute('src', DRAWN_PNG);
    expect(image).toHaveStyle({ maxHeight: '48px' });
  });

  it('names the method when a drawn signature’s data is not a PNG image', () => {
    const signatures = [
      signatureFixture({ id: 1, method: 'drawn', data: '' }),
      signatureFixture({ id: 2, method: 'drawn', data: 'javascript:alert(1)', signer: { id: 12, name: 'Elena Petrova' } }),
    ];
    render(<PeopleTab permit={permitFixture()} signatures={signatures} timeZone="Europe/London" />);

    expect(rowOf('Ravi Menon').getByText('Drawn')).toBeInTheDocument();
    expect(rowOf('Elena Petrova').getByText('Drawn')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: /Drawn signature/ })).not.toBeInTheDocument();
  });
});

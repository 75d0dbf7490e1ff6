import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { permitFixture, readinessFixture } from '@/test/permitFixtures';
import { ActionBar } from './ActionBar';

function renderBar(allowedActions: string[]) {
  const permit = permitFixture({ status: 'active', allowed_actions: allowedActions });
  mockFetch({});
  renderWithProviders(<ActionBar permit={permit} readiness={readinessFixture(allowedActions)} signerName="Ravi Menon" />);
  return within(screen.getByRole('region', { name: 'Permit actions' }));
}

describe('ActionBar without signal', () => {
  it('holds back every act that needs the server and says it needs a connection, until signal returns', () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const bar = renderBar(['suspend', 'hand_back', 'cancel']);

    for (const label of ['Suspend', 'Hand back', 'Cancel permit']) {
      const button = bar.getByRole('button', { name: label });
      expect(button).toBeDisabled();
      expect(button).toHaveAttribute('title', 'Needs connection');
    }
    expect(bar.getByRole('status')).toHaveTextContent(/^Needs connection: /);

    onLine.mockReturnValue(true);
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(bar.getByRole('button', { name: 'Suspend' })).toBeEnabled();
    expect(bar.queryByText(/^Needs connection/)).not.toBeInTheDocument();
  });
});

import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, livenessBody, mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { healthKeys } from '@/lib/api/keys';
import { NewVersionBanner } from './NewVersionBanner';

function renderBanner(servedHash: string | null) {
  const fetchMock = mockFetch({ '/api/v1/health/': () => jsonResponse(livenessBody(servedHash)) });
  return { fetchMock, ...renderWithProviders(<NewVersionBanner />) };
}

describe('NewVersionBanner', () => {
  it('offers a reload when the server serves another build', async () => {
    const { fetchMock } = renderBanner('0'.repeat(64));

    expect(await screen.findByRole('alert')).toHaveTextContent('A new version of PTW is available.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/health/', expect.anything());
  });

  it.each([
    ['the same build', __UI_SOURCE_HASH__],
    ['no build', null],
  ])('stays hidden when the server serves %s', async (_label, servedHash) => {
    const { queryClient } = renderBanner(servedHash);

    await waitFor(() => {
      expect(queryClient.getQueryState(healthKeys.live)?.status).toBe('success');
    });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reload' })).not.toBeInTheDocument();
  });
});

import { act, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { noteWorkerMessage } from '@/lib/offline/freshness';
import { mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import { OfflineBanner } from './OfflineBanner';

function renderBanner() {
  mockFetch(sessionRoutes());
  return renderWithProviders(
    <Suspense fallback={null}>
      <OfflineBanner />
      <p>Loaded</p>
    </Suspense>,
    { route: '/permits?project=1' },
  );
}

describe('OfflineBanner', () => {
  it('says the device is offline and when the server gave the data shown, in the project’s time zone', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    noteWorkerMessage({ type: 'ptw-api-from-device', asOf: '2026-12-02T14:32:00Z' });
    renderBanner();

    expect(await screen.findByRole('status')).toHaveTextContent(/^Offline — as of 2 Dec 2026, 14:32/);
    act(() => {
      noteWorkerMessage({ type: 'ptw-api-from-network' });
    });
    // Still offline by the browser's account: the time is that of the server's last answer.
    expect(screen.getByRole('status')).toHaveTextContent(/^Offline — as of /);
  });

  it('shows when an answer came from the device although the browser believes it is online', async () => {
    noteWorkerMessage({ type: 'ptw-api-from-device', asOf: '2026-12-02T09:05:00Z' });
    renderBanner();

    expect(await screen.findByRole('status')).toHaveTextContent(/^Offline — as of 2 Dec 2026, 09:05/);
    act(() => {
      noteWorkerMessage({ type: 'ptw-api-from-network' });
    });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByText('Loaded')).toBeInTheDocument();
  });
});

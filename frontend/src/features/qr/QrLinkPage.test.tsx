import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { QrLinkPage } from './QrLinkPage';

function renderAt(token: string) {
  return renderWithProviders(
    <>
      <Routes>
        <Route path="/qr/:token" element={<QrLinkPage />} />
        <Route path="*" element={null} />
      </Routes>
      <LocationDisplay />
    </>,
    { route: `/qr/${token}` },
  );
}

describe('QrLinkPage', () => {
  it('moves on to the permit the token opens, in its project', async () => {
    mockFetch({
      '/api/v1/ptw/qr/tok-123/': () => jsonResponse({ permit_id: 7, project: 3, permit_number: 'PTW-2026-000007' }),
    });
    renderAt('tok-123');
    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent('/permits/7?project=3');
    });
  });

  it('explains a revoked or foreign code', async () => {
    mockFetch({});
    renderAt('revoked');
    expect(await screen.findByText('This QR code opens no permit for you.')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/qr/revoked');
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { notification } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { LocationDisplay, renderWithProviders } from '@/test/render';
import { meBody } from '@/test/session';
import { securityNoticeText } from '../securityNotice';

const unauthenticated = () => jsonResponse({ error: { code: 'not_authenticated', message: 'Log in.' } }, 401);

function renderLogin(loginAnswer: () => Response, route = '/login?next=%2Ftasks%3Fproject%3D1') {
  const fetchMock = mockFetch({ '/api/v1/auth/me/': unauthenticated, '/api/v1/auth/login/': loginAnswer });
  renderWithProviders(
    <>
      <AppRoutes />
      <LocationDisplay />
    </>,
    { route },
  );
  return fetchMock;
}

async function logIn(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText('E-mail'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('Log-in page', () => {
  afterEach(() => {
    notification.destroy();
    vi.restoreAllMocks();
  });

  it('shows the server\'s field errors on their fields', async () => {
    renderLogin(() =>
      jsonResponse(
        {
          error: {
            code: 'invalid',
            message: 'Some fields are invalid.',
            fields: { password: ['Ensure this field has no more than 128 characters.'] },
          },
        },
        400,
      ),
    );
    await logIn('requester@acme.example', 'x'.repeat(129));

    expect(await screen.findByText('Ensure this field has no more than 128 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('E-mail')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Some fields are invalid.')).not.toBeInTheDocument();
  });

  it('shows a failed log-in on the form, not on a field', async () => {
    renderLogin(() =>
      jsonResponse({ error: { code: 'login_failed', message: 'The e-mail address or password is not right.' } }, 400),
    );
    await logIn('requester@acme.example', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent('The e-mail address or password is not right.');
    expect(screen.getByLabelText('E-mail')).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('asks for both fields before sending anything', async () => {
    const fetchMock = renderLogin(() => jsonResponse(meBody()));
    fireEvent.click(await screen.findByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Enter your e-mail address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalledWith('/api/v1/auth/login/', expect.anything());
  });

  it('logs in and goes back to the page that asked for it', async () => {
    const fetchMock = renderLogin(() => jsonResponse(meBody()));
    await logIn('requester@acme.example', 'demo-password');

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/tasks\?project=1$/);
    });
    const [, init] = fetchMock.mock.calls.find(([url]) => url === '/api/v1/auth/login/') ?? [];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe(JSON.stringify({ email: 'requester@acme.example', password: 'demo-password' }));
  });

  it('shows a locked account on the form', async () => {
    renderLogin(() =>
      jsonResponse(
        {
          error: {
            code: 'account_locked',
            message: 'Too many failed sign-in attempts for this account. Try again in 15 minutes.',
          },
        },
        429,
      ),
    );
    await logIn('requester@acme.example', 'demo-password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-in attempts for this account. Try again in 15 minutes.',
    );
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/login/);
  });

  it('tells the user once about failed attempts since their last sign-in', async () => {
    const notice = {
      failed_attempts: 3,
      since: '2026-12-02T14:30:00Z',
      locked_at: '2026-12-02T15:10:00Z',
      locked_until: '2026-12-02T15:25:00Z',
    };
    renderLogin(() => jsonResponse(meBody({ security_notice: notice })));
    await logIn('requester@acme.example', 'demo-password');

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/tasks\?project=1$/);
    });
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(await screen.findByText('Sign-in attempts on your account')).toBeInTheDocument();
    expect(screen.getByText(securityNoticeText(notice, timeZone))).toBeInTheDocument();
    expect(screen.getAllByText(/failed sign-in attempts since your last sign-in/)).toHaveLength(1);
  });

  it('says nothing about sign-in attempts when there were none', async () => {
    const warning = vi.spyOn(notification, 'warning');
    renderLogin(() => jsonResponse(meBody()));
    await logIn('requester@acme.example', 'demo-password');

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/tasks\?project=1$/);
    });
    expect(warning).not.toHaveBeenCalled();
  });

  it('never follows a "next" that leaves the site', async () => {
    renderLogin(() => jsonResponse(meBody()), '/login?next=%2F%2Fevil.example%2F');
    await logIn('requester@acme.example', 'demo-password');

    await waitFor(() => {
      expect(screen.getByTestId('location')).toHaveTextContent(/^\/permits$/);
    });
  });
});

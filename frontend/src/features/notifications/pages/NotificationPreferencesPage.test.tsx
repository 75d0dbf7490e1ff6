import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentBody } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import { preferencesOf, preferencesResponse } from '../testing/fixtures';
import { REQUIRED_IN_APP_TEXT } from './NotificationPreferencesPage';

const PREFERENCES_URL = '/api/v1/notifications/preferences/';

function renderPreferences(put: () => Response) {
  const fetchMock = mockFetch({
    ...sessionRoutes(),
    [`GET ${PREFERENCES_URL}`]: () => preferencesResponse(),
    [`PUT ${PREFERENCES_URL}`]: put,
  });
  renderWithProviders(<AppRoutes />, { route: '/notifications/preferences' });
  return fetchMock;
}

describe('Notification preferences', () => {
  it('keeps a safety alert in the app, saying why', async () => {
    renderPreferences(() => preferencesResponse());

    const required = await screen.findByRole('switch', { name: 'Unsafe gas reading: In-app' });
    expect(required).toBeDisabled();
    expect(required).toBeChecked();
    expect(required).toHaveAccessibleDescription(REQUIRED_IN_APP_TEXT);
    expect(screen.getByRole('switch', { name: 'Unsafe gas reading: E-mail' })).toBeEnabled();
    expect(screen.getByRole('switch', { name: 'A task waits for you: In-app' })).toBeEnabled();
  });

  it('saves every kind with its channels and says so', async () => {
    const saved = preferencesOf();
    const [task, gas] = saved.kinds;
    if (task === undefined || gas === undefined) throw new Error('fixture kinds missing');
    task.channels.email = false;
    gas.channels.email = false;
    const fetchMock = renderPreferences(() => preferencesResponse(saved));

    expect(await screen.findByRole('button', { name: 'Save' })).toBeDisabled();
    fireEvent.click(await screen.findByRole('switch', { name: 'A task waits for you: E-mail' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Unsafe gas reading: E-mail' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Your notification preferences are saved.')).toBeInTheDocument();
    const [call] = callsTo(fetchMock, 'PUT', PREFERENCES_URL);
    expect(sentBody(call?.[1])).toEqual({
      kinds: [
        { kind: 'task_waiting', channels: { in_app: true, email: false } },
        { kind: 'gas_unsafe', channels: { in_app: true, email: false } },
      ],
    });
    expect(screen.getByRole('switch', { name: 'A task waits for you: E-mail' })).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('shows a refusal in the house error alert and keeps the choice', async () => {
    renderPreferences(() =>
      jsonResponse(
        {
          error: {
            code: 'invalid',
            message: 'The preferences were not saved.',
            fields: { kinds: ['Unknown kind: task_waiting.'] },
          },
        },
        400,
      ),
    );

    fireEvent.click(await screen.findByRole('switch', { name: 'A task waits for you: In-app' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The preferences were not saved.');
    expect(alert).toHaveTextContent('kinds: Unknown kind: task_waiting.');
    await waitFor(() => {
      expect(screen.getByRole('switch', { name: 'A task waits for you: In-app' })).not.toBeChecked();
    });
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  });
});

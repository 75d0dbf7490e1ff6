import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { permitFixture, readinessFixture } from '@/test/permitFixtures';
import { DRAWN_PNG, FakeResizeObserver, lastPad } from '../testing/signaturePad';
import { ActionBar, phoneBarActions } from './ActionBar';

vi.mock('signature_pad', () => import('../testing/signaturePad'));

const SIGNER = 'Elena Petrova';

function renderBar(allowedActions: string[], readiness = readinessFixture(allowedActions)) {
  const permit = permitFixture({ status: 'submitted', allowed_actions: allowedActions });
  const fetchMock = mockFetch({
    '/api/v1/ptw/permits/7/verify/': () => jsonResponse({ ...permit, status: 'under_review', allowed_actions: [] }),
    '/api/v1/ptw/permits/7/reject/': () => jsonResponse({ ...permit, status: 'rejected', allowed_actions: [] }),
  });
  renderWithProviders(<ActionBar permit={permit} readiness={readiness} signerName={SIGNER} />);
  return fetchMock;
}

function bar() {
  return within(screen.getByRole('region', { name: 'Permit actions' }));
}

function postsTo(fetchMock: ReturnType<typeof mockFetch>, url: string) {
  return fetchMock.mock.calls.filter(([input, init]) => input === url && init?.method === 'POST');
}

describe('ActionBar', () => {
  it('renders exactly the actions the server allows, forward action first and primary', () => {
    renderBar(['reject', 'verify']);

    const buttons = bar().getAllByRole('button');
    expect(buttons.map((button) => button.textContent)).toEqual(['Verify', 'Reject']);
    expect(buttons[0]).toHaveClass('ant-btn-primary');
    expect(bar().queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('shows nothing to a viewer whose allowed_actions is empty', () => {
    renderBar([], readinessFixture([]));

    expect(screen.queryByRole('region', { name: 'Permit actions' })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('disables an allowed action that readiness refuses and says what is missing', () => {
    const missing = [
      { code: 'gas_test_missing', message: 'Record a gas test before verifying.' },
      { code: 'controls_missing', message: 'Record the control measures.' },
    ];
    renderBar(['verify', 'reject'], readinessFixture(['reject'], { verify: missing }));

    const verify = bar().getByRole('button', { name: 'Verify' });
    expect(verify).toBeDisabled();
    expect(verify).toHaveAccessibleDescription(/Record a gas test before verifying\..*Record the control measures\./);
    expect(screen.getByText('Verify is not possible yet:')).toBeInTheDocument();
    expect(screen.getByText('Record a gas test before verifying.')).toBeVisible();
    expect(bar().getByRole('button', { name: 'Reject' })).toBeEnabled();
  });

  it('will not reject without a reason, then sends it with an idempotency key', async () => {
    const fetchMock = renderBar(['verify', 'reject']);

    fireEvent.click(bar().getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog');
    const send = within(dialog).getByRole('button', { name: 'Reject' });
    expect(send).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: '   ' } });
    expect(send).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Wrong isolation list.' } });
    expect(send).toBeEnabled();
    fireEvent.click(send);

    await waitFor(() => {
      expect(postsTo(fetchMock, '/api/v1/ptw/permits/7/reject/')).toHaveLength(1);
    });
    const [, init] = postsTo(fetchMock, '/api/v1/ptw/permits/7/reject/')[0] ?? [];
    expect(sentBody(init)).toMatchObject({ reason: 'Wrong isolation list.' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs only with the signer’s registered name (any case, trimmed)', async () => {
    const fetchMock = renderBar(['verify', 'reject']);

    fireEvent.click(bar().getByRole('button', { name: 'Verify' }));
    const dialog = await screen.findByRole('dialog');
    const send = within(dialog).getByRole('button', { name: 'Verify' });
    const name = within(dialog).getByLabelText('Sign: type your full name');
    expect(send).toBeDisabled();
    fireEvent.change(name, { target: { value: 'Elena' } });
    expect(send).toBeDisabled();
    fireEvent.change(name, { target: { value: 'Elena Petrov' } });
    expect(send).toBeDisabled();
    fireEvent.change(name, { target: { value: '  elena PETROVA ' } });
    expect(send).toBeEnabled();
    fireEvent.click(send);

    await waitFor(() => {
      expect(postsTo(fetchMock, '/api/v1/ptw/permits/7/verify/')).toHaveLength(1);
    });
    const [, init] = postsTo(fetchMock, '/api/v1/ptw/permits/7/verify/')[0] ?? [];
    expect(sentBody(init)).toMatchObject({ signature: { method: 'typed', data: 'elena PETROVA' } });
  });

  it('signs with a drawn signature, sent as a PNG data URL', async () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    const fetchMock = renderBar(['verify', 'reject']);

    fireEvent.click(bar().getByRole('button', { name: 'Verify' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Draw' }));
    act(() => {
      lastPad().stroke();
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));

    await waitFor(() => {
      expect(postsTo(fetchMock, '/api/v1/ptw/permits/7/verify/')).toHaveLength(1);
    });
    const [, init] = postsTo(fetchMock, '/api/v1/ptw/permits/7/verify/')[0] ?? [];
    expect(sentBody(init)).toMatchObject({ signature: { method: 'drawn', data: DRAWN_PNG } });
  });

  it('shows a refused action’s missing items and retries the same click with the same key', async () => {
    const permit = permitFixture({ status: 'submitted', allowed_actions: ['verify'] });
    const refusal = {
      error: {
        code: 'guard_failed',
        message: 'The action’s conditions are not met.',
        missing: [{ code: 'gas_test_missing', message: 'Record a gas test before verifying.' }],
      },
    };
    const fetchMock = mockFetch({ '/api/v1/ptw/permits/7/verify/': () => jsonResponse(refusal, 422) });
    renderWithProviders(<ActionBar permit={permit} readiness={undefined} signerName={SIGNER} />);

    fireEvent.click(bar().getByRole('button', { name: 'Verify' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Sign: type your full name'), { target: { value: SIGNER } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The action’s conditions are not met.');
    expect(alert).toHaveTextContent('Record a gas test before verifying.');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Verify' }));
    await waitFor(() => {
      expect(postsTo(fetchMock, '/api/v1/ptw/permits/7/verify/')).toHaveLength(2);
    });
    const keys = postsTo(fetchMock, '/api/v1/ptw/permits/7/verify/').map(([, init]) =>
      sentHeaders(init).get('Idempotency-Key'),
    );
    expect(keys[0]).toBe(keys[1]);
  });
});

describe('ActionBar on a phone', () => {
  function mainActions() {
    return within(screen.getByRole('group', { name: 'Main actions' }));
  }

  it('keeps the one or two actions possible now in a bar fixed at the foot of the screen, the rest in the page', () => {
    window.innerWidth = 390;
    renderBar(['cancel', 'reject', 'verify']);

    const group = screen.getByRole('group', { name: 'Main actions' });
    expect(group).toHaveStyle({ position: 'fixed', bottom: '0px' });
    const inBar = mainActions().getAllByRole('button');
    expect(inBar.map((button) => button.textContent)).toEqual(['Verify', 'Reject']);
    for (const button of inBar) {
      expect(button).toHaveClass('ant-btn-lg');
      expect(button).toHaveStyle({ minHeight: '48px' });
    }
    expect(inBar[0]).toHaveClass('ant-btn-primary');
    const cancel = bar().getByRole('button', { name: 'Cancel permit' });
    expect(cancel).toHaveClass('ant-btn-block');
    expect(bar().queryByRole('button', { name: 'Verify' })).not.toBeInTheDocument();
  });

  it('writes out why an action is not possible yet, full width, with no tooltip to hover', () => {
    window.innerWidth = 390;
    const missing = [{ code: 'gas_test_missing', message: 'Record a gas test before verifying.' }];
    renderBar(['verify', 'reject'], readinessFixture(['reject'], { verify: missing }));

    expect(mainActions().getAllByRole('button').map((button) => button.textContent)).toEqual(['Reject']);
    const verify = bar().getByRole('button', { name: 'Verify' });
    expect(verify).toBeDisabled();
    expect(verify).toHaveClass('ant-btn-block');
    expect(verify.parentElement?.tagName).not.toBe('SPAN');
    expect(verify).toHaveAccessibleDescription(/Record a gas test before verifying\./);
    expect(screen.getByText('Record a gas test before verifying.')).toBeVisible();
  });

  it('opens the dialog of an action in the bar', async () => {
    window.innerWidth = 390;
    renderBar(['verify', 'reject']);

    fireEvent.click(mainActions().getByRole('button', { name: 'Reject' }));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });
});

describe('phoneBarActions', () => {
  const none = readinessFixture([]);

  it('prefers what can be done now, forward first, cancelling only when nothing else is possible', () => {
    expect(phoneBarActions(['cancel', 'suspend', 'complete'], readinessFixture(['cancel', 'suspend', 'complete']))).toEqual([
      'complete',
      'suspend',
    ]);
    expect(phoneBarActions(['submit', 'cancel'], readinessFixture(['submit', 'cancel']))).toEqual(['submit']);
    expect(phoneBarActions(['cancel'], readinessFixture(['cancel']))).toEqual(['cancel']);
  });

  it('shows the blocked forward action when nothing is possible now', () => {
    expect(phoneBarActions(['verify', 'reject'], none)).toEqual(['verify']);
    expect(phoneBarActions([], none)).toEqual([]);
  });
});

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/client';
import type { ActionBody, PermitAction } from '@/lib/api/models';
import { DRAWN_PNG, FakeResizeObserver, lastPad } from '../testing/signaturePad';
import { ActionDialog } from './ActionDialog';
import { MemoryRouter } from 'react-router-dom';
import { conflictFixture } from '../simops/testing';

vi.mock('signature_pad', () => import('../testing/signaturePad'));

const SIGNER = 'Elena Petrova';

function renderDialog() {
  const onConfirm = vi.fn<(body: ActionBody) => void>();
  // Without motion a closed dialog is gone at once, as in a browser after the closing animation
  // (which never ends in jsdom).
  const dialogFor = (action: PermitAction | null, error: Error | null = null) => (
    <ConfigProvider theme={{ token: { motion: false } }}>
      <ActionDialog
        action={action}
        signerName={SIGNER}
        pending={false}
        error={error}
        onConfirm={onConfirm}
        onCancel={vi.fn()}
      />
    </ConfigProvider>
  );
  // Opened after the first render, as a click opens it in the app.
  const view = render(dialogFor(null));
  const show = (action: PermitAction | null, error: Error | null = null) => {
    view.rerender(dialogFor(action, error));
  };
  show('verify');
  return { onConfirm, show };
}

function dialog() {
  return within(screen.getByRole('dialog'));
}

function chooseDrawing() {
  fireEvent.click(dialog().getByRole('radio', { name: 'Draw' }));
}

function drawStroke(dataUrl = DRAWN_PNG) {
  act(() => {
    lastPad().stroke(dataUrl);
  });
}

describe('ActionDialog', () => {
  beforeEach(() => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  });

  it('offers the typed name first and a pad to draw on instead', () => {
    renderDialog();

    expect(dialog().getByRole('radio', { name: 'Type name' })).toBeChecked();
    expect(dialog().getByLabelText('Sign: type your full name')).toBeInTheDocument();
    expect(dialog().getByText(`Your name as registered in PTW: ${SIGNER}`)).toBeInTheDocument();
    expect(dialog().queryByRole('img', { name: 'Signature pad' })).not.toBeInTheDocument();

    chooseDrawing();
    expect(dialog().getByRole('img', { name: 'Signature pad' })).toBeInTheDocument();
    expect(dialog().getByText('Sign: draw your signature')).toBeInTheDocument();
    expect(dialog().getByText(`Signing as ${SIGNER}`)).toBeInTheDocument();
    expect(dialog().queryByLabelText('Sign: type your full name')).not.toBeInTheDocument();

    fireEvent.click(dialog().getByRole('radio', { name: 'Type name' }));
    expect(dialog().getByLabelText('Sign: type your full name')).toBeInTheDocument();
    expect(dialog().queryByRole('img', { name: 'Signature pad' })).not.toBeInTheDocument();
  });

  it('signs with a drawing only once a stroke has ended, and sends it as drawn', async () => {
    const { onConfirm } = renderDialog();

    chooseDrawing();
    const send = dialog().getByRole('button', { name: 'Verify' });
    expect(send).toBeDisabled();
    drawStroke();
    expect(send).toBeEnabled();
    fireEvent.click(send);

    await waitFor(() => {
      expect(onConfirm).toHaveBeenCalledOnce();
    });
    expect(onConfirm.mock.calls[0]?.[0]).toEqual({
      reason: '',
      comment: '',
      acknowledge_conflicts: false,
      signature: { method: 'drawn', data: DRAWN_PNG },
    });
  });

  it('empties the pad with Clear and will not sign again until something is drawn', async () => {
    renderDialog();

    chooseDrawing();
    drawStroke();
    const send = dialog().getByRole('button', { name: 'Verify' });
    expect(send).toBeEnabled();
    fireEvent.click(dialog().getByRole('button', { name: 'Clear' }));

    expect(send).toBeDisabled();
    expect(lastPad().isEmpty()).toBe(true);
    // antd may render a field's message again as it settles: wait until it stands.
    await waitFor(() => {
      expect(dialog().getByText('Draw your signature to sign.')).toBeInTheDocument();
    });
  });

  it('refuses a drawing larger than the server accepts', async () => {
    renderDialog();

    chooseDrawing();
    drawStroke(`data:image/png;base64,${'A'.repeat(200_000)}`);

    expect(dialog().getByRole('button', { name: 'Verify' })).toBeDisabled();
    // antd may render a field's message again as it settles: wait until it stands.
    await waitFor(() => {
      expect(dialog().getByText(/The drawing is too large to send/)).toBeInTheDocument();
    });
  });

  it('starts every new dialog with the typed name and nothing signed', () => {
    const { show } = renderDialog();

    fireEvent.change(dialog().getByLabelText('Sign: type your full name'), { target: { value: SIGNER } });
    chooseDrawing();
    drawStroke();
    expect(dialog().getByRole('button', { name: 'Verify' })).toBeEnabled();
    show(null);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    show('approve');

    expect(dialog().getByRole('radio', { name: 'Type name' })).toBeChecked();
    expect(dialog().getByLabelText('Sign: type your full name')).toHaveValue('');
    chooseDrawing();
    expect(dialog().getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(lastPad().isEmpty()).toBe(true);
  });

  it('shows the server’s refusal of a drawing at the pad', async () => {
    const { show } = renderDialog();

    chooseDrawing();
    drawStroke();
    const refusal = new ApiError({
      status: 400,
      code: 'invalid',
      message: 'The input is not valid.',
      fields: { signature: ['A drawn signature must be a PNG data URL of at most 200 kB.'] },
    });
    show('verify', refusal);

    // antd may render a field's message again as it settles: wait until it stands.
    await waitFor(() => {
      expect(dialog().getByText('A drawn signature must be a PNG data URL of at most 200 kB.')).toBeInTheDocument();
    });
    expect(dialog().getByRole('alert')).toHaveTextContent('The input is not valid.');
  });

  describe('approving over warn conflicts', () => {
    const warning = conflictFixture({
      effect: 'warn',
      reason: 'Two hot works in the same unit (Tank farm)',
      other: { id: 32, permit_number: 'PTW-2026-000032', title: 'Weld bracket', status: 'approved' },
    });

    function renderApprove() {
      const onConfirm = vi.fn<(body: ActionBody) => void>();
      const dialogFor = (action: PermitAction | null) => (
        <MemoryRouter>
          <ConfigProvider theme={{ token: { motion: false } }}>
            <ActionDialog
              action={action}
              signerName={SIGNER}
              pending={false}
              error={null}
              onConfirm={onConfirm}
              onCancel={vi.fn()}
              warnings={[warning]}
              project={{ id: 1, time_zone: 'Europe/London' }}
            />
          </ConfigProvider>
        </MemoryRouter>
      );
      const view = render(dialogFor(null));
      view.rerender(dialogFor('approve'));
      return { onConfirm };
    }

    it('lists them and refuses to send without the acknowledgement and a comment', async () => {
      const { onConfirm } = renderApprove();

      const conflicts = dialog().getByRole('region', { name: 'Conflicts to acknowledge' });
      expect(conflicts).toHaveTextContent('PTW-2026-000032');
      expect(conflicts).toHaveTextContent('Two hot works in the same unit (Tank farm)');
      const send = dialog().getByRole('button', { name: 'Approve' });
      fireEvent.change(dialog().getByLabelText('Sign: type your full name'), { target: { value: SIGNER } });
      expect(send).toBeDisabled();

      fireEvent.change(dialog().getByLabelText('Comment on the conflicts'), {
        target: { value: 'Welders on opposite sides, fire watch shared.' },
      });
      expect(send).toBeDisabled();
      fireEvent.click(dialog().getByRole('checkbox', { name: 'I have considered these conflicts' }));
      await waitFor(() => {
        expect(send).toBeEnabled();
      });
      // Taking the tick back holds the approval again.
      fireEvent.click(dialog().getByRole('checkbox', { name: 'I have considered these conflicts' }));
      await waitFor(() => {
        expect(send).toBeDisabled();
      });
      expect(onConfirm).not.toHaveBeenCalled();
    });

    it('sends acknowledge_conflicts with the comment once both are given', async () => {
      const { onConfirm } = renderApprove();

      fireEvent.change(dialog().getByLabelText('Sign: type your full name'), { target: { value: SIGNER } });
      fireEvent.change(dialog().getByLabelText('Comment on the conflicts'), {
        target: { value: 'Welders on opposite sides, fire watch shared.' },
      });
      fireEvent.click(dialog().getByRole('checkbox', { name: 'I have considered these conflicts' }));
      const send = dialog().getByRole('button', { name: 'Approve' });
      await waitFor(() => {
        expect(send).toBeEnabled();
      });
      fireEvent.click(send);

      await waitFor(() => {
        expect(onConfirm).toHaveBeenCalledTimes(1);
      });
      expect(onConfirm.mock.calls[0]?.[0]).toMatchObject({
        acknowledge_conflicts: true,
        comment: 'Welders on opposite sides, fire watch shared.',
        signature: { method: 'typed', data: SIGNER },
      });
    });

    it('asks nothing of the kind for other actions', () => {
      renderDialog();

      expect(screen.queryByRole('checkbox', { name: 'I have considered these conflicts' })).not.toBeInTheDocument();
      expect(dialog().getByLabelText('Comment (optional)')).toBeInTheDocument();
    });
  });
});

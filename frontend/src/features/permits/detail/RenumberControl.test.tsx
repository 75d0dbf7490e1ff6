import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { permitFixture } from '@/test/permitFixtures';
import { RenumberControl } from './RenumberControl';

const URL = '/api/v1/ptw/permits/7/renumber/';

function dialog() {
  return within(screen.getByRole('dialog', { name: 'Renumber PTW-2026-000007' }));
}

/** Opens the dialog (its code is loaded when first opened) and fills and sends it. */
async function openAndFill() {
  renderWithProviders(<RenumberControl permit={{ id: 7, permit_number: 'PTW-2026-000007' }} />);
  fireEvent.click(screen.getByRole('button', { name: 'Renumber' }));
  await screen.findByRole('dialog', { name: 'Renumber PTW-2026-000007' });
  fireEvent.change(dialog().getByLabelText('New number'), { target: { value: ' PTW-2026-900001 ' } });
  fireEvent.change(dialog().getByLabelText('Reason'), { target: { value: 'Matches the paper permit.' } });
  fireEvent.click(dialog().getByRole('button', { name: 'Renumber' }));
}

describe('RenumberControl', () => {
  it('sends the new number and the reason with an Idempotency-Key', async () => {
    const fetchMock = mockFetch({ [URL]: () => jsonResponse(permitFixture({ permit_number: 'PTW-2026-900001' })) });
    await openAndFill();
    await waitFor(() => {
      expect(fetchMock).toHaveBeenCalled();
    });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(sentBody(init)).toEqual({ permit_number: 'PTW-2026-900001', reason: 'Matches the paper permit.' });
    expect(sentHeaders(init).get('Idempotency-Key')).toBeTruthy();
  });

  it('shows the server’s refusal in place', async () => {
    mockFetch({
      [URL]: () =>
        jsonResponse(
          { error: { code: 'number_in_use', message: 'PTW-2026-900001 is another permit’s number on this project.' } },
          409,
        ),
    });
    await openAndFill();
    expect(await dialog().findByText('PTW-2026-900001 is another permit’s number on this project.')).toBeInTheDocument();
  });
});

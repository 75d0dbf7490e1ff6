import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/client';
import { ErrorAlert } from './ErrorAlert';

describe('ErrorAlert', () => {
  it('shows a refusal once when the server repeats its message as the first reason', () => {
    const message = 'You applied this isolation, so you cannot verify it.';
    const error = new ApiError({
      status: 403,
      code: 'forbidden',
      message,
      missing: [
        { code: 'separation_of_duties', message },
        { code: 'not_in_pool', message: 'You are not in this project’s verifier pool.' },
        { code: 'not_in_pool', message: 'You are not in this project’s verifier pool.' },
      ],
    });
    render(<ErrorAlert error={error} />);

    expect(screen.getAllByText(message)).toHaveLength(1);
    expect(screen.getAllByText('You are not in this project’s verifier pool.')).toHaveLength(1);
  });
});

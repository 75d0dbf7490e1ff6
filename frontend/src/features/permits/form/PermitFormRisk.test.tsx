import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, sentBody, writesOf } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { Permit } from '@/lib/api/models';
import { permitFixture, typeFixture } from '@/test/permitFixtures';
import { PermitForm } from './PermitForm';

const unassessed: Permit = permitFixture({ probability: null, severity: null, risk_score: null, risk_level: null });

function renderForm(permit: Permit, routes: Record<string, () => Response> = {}) {
  const fetchMock = mockFetch(routes);
  const onDone = vi.fn();
  renderWithProviders(
    <PermitForm
      project={{ id: 1, time_zone: 'Europe/London' }}
      types={[typeFixture()]}
      candidates={[]}
      signerName="Ravi Menon"
      permit={permit}
      onDone={onDone}
      onCancel={vi.fn()}
    />,
  );
  return { fetchMock, onDone };
}

function matrix(): HTMLElement {
  return screen.getByRole('group', { name: 'Risk matrix' });
}

function cell(probability: number, severity: number): HTMLElement {
  return within(matrix()).getByRole('button', {
    name: new RegExp(`^Probability ${String(probability)} .*, severity ${String(severity)} `),
  });
}

function assessed(): HTMLElement {
  return screen.getByRole('status', { name: 'Assessed risk' });
}

describe('PermitForm risk assessment', () => {
  it('offers probability and severity with no default, marked as needed to submit', () => {
    renderForm(unassessed);

    expect(screen.getByRole('combobox', { name: 'Probability' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Severity' })).toBeInTheDocument();
    expect(screen.getAllByText('Needed to submit.')).toHaveLength(2);
    expect(assessed()).toHaveTextContent(/^Not assessed: choose probability and severity/);
    expect(within(matrix()).queryAllByRole('button', { pressed: true })).toHaveLength(0);
  });

  it('colours the 25 cells by the server’s bands', () => {
    renderForm(unassessed);

    const cells = within(matrix()).getAllByRole('button');
    expect(cells).toHaveLength(25);
    expect(cell(2, 2)).toHaveAttribute('data-level', 'low');
    expect(cell(1, 5)).toHaveAttribute('data-level', 'medium');
    expect(cell(3, 3)).toHaveAttribute('data-level', 'medium');
    expect(cell(2, 5)).toHaveAttribute('data-level', 'high');
    expect(cell(4, 4)).toHaveAttribute('data-level', 'high');
    expect(cell(5, 4)).toHaveAttribute('data-level', 'extreme');
    expect(cell(3, 4)).toHaveAccessibleName('Probability 3 (Possible), severity 4 (Major): score 12, High');
  });

  it('chooses both values from a tapped cell, highlights it and shows the score and level', async () => {
    renderForm(unassessed);

    fireEvent.click(cell(3, 4));

    await waitFor(() => {
      expect(cell(3, 4)).toHaveAttribute('aria-pressed', 'true');
    });
    expect(within(matrix()).getAllByRole('button', { pressed: true })).toEqual([cell(3, 4)]);
    expect(assessed()).toHaveTextContent('Risk: 12 (3 × 4), High');
    expect(screen.getByRole('combobox', { name: 'Probability' }).closest('.ant-select')).toHaveTextContent(
      '3 — Possible',
    );
    expect(screen.getByRole('combobox', { name: 'Severity' }).closest('.ant-select')).toHaveTextContent('4 — Major');
  });

  it('highlights the stored assessment of a permit', () => {
    renderForm(permitFixture({ probability: 2, severity: 2, risk_score: 4, risk_level: 'low' }));

    expect(cell(2, 2)).toHaveAttribute('aria-pressed', 'true');
    expect(assessed()).toHaveTextContent('Risk: 4 (2 × 2), Low');
  });

  it('saves a draft without the assessment', async () => {
    const { fetchMock, onDone } = renderForm(unassessed, {
      '/api/v1/ptw/permits/7/': () => jsonResponse({ ...unassessed, version: 4 }),
    });

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Inspect the anchor beam' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() => {
      expect(onDone).toHaveBeenCalled();
    });
    const [, init] = writesOf(fetchMock)[0] ?? [];
    expect(sentBody(init)).toEqual({ title: 'Inspect the anchor beam' });
  });

  it('refuses to submit until the risk is assessed', async () => {
    const { fetchMock } = renderForm(unassessed);

    fireEvent.click(screen.getByRole('button', { name: 'Save and submit' }));
    expect(await screen.findByText('Choose the probability: the risk must be assessed to submit.')).toBeInTheDocument();
    expect(screen.getByText('Choose the severity: the risk must be assessed to submit.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(writesOf(fetchMock)).toEqual([]);
  });

  it('submits the matrix’s choice', async () => {
    const submitted = { ...unassessed, status: 'submitted' as const, allowed_actions: ['withdraw'] };
    const { fetchMock } = renderForm(unassessed, {
      '/api/v1/ptw/permits/7/': () => jsonResponse({ ...unassessed, version: 4, probability: 4, severity: 5 }),
      '/api/v1/ptw/permits/7/submit/': () => jsonResponse(submitted),
    });

    fireEvent.click(cell(4, 5));
    fireEvent.click(screen.getByRole('button', { name: 'Save and submit' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Sign: type your full name'), { target: { value: 'Ravi Menon' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Submit' }));

    await waitFor(() => {
      expect(writesOf(fetchMock)).toHaveLength(2);
    });
    expect(sentBody(writesOf(fetchMock)[0]?.[1])).toEqual({ probability: 4, severity: 5 });
  });
});

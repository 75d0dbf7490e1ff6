import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, sentBody, sentHeaders, writesOf } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import type { Permit, PermitType } from '@/lib/api/models';
import { permitFixture, typeFixture } from '@/test/permitFixtures';
import { PermitForm } from './PermitForm';
import { typeDateTime } from '@/test/pickers';

const templateType: PermitType = typeFixture({
  id: 4,
  name: 'Work at height',
  max_validity_hours: 8,
  form_fields: [
    { key: 'anchor', label: 'Anchor point', type: 'text', required: true, options: [] },
    { key: 'rescue_plan', label: 'Rescue plan', type: 'textarea', required: false, options: [] },
    { key: 'height_m', label: 'Height (m)', type: 'number', required: false, options: [] },
    { key: 'net_fitted', label: 'Safety net fitted', type: 'boolean', required: false, options: [] },
    { key: 'inspected_on', label: 'Scaffold inspected on', type: 'date', required: false, options: [] },
    { key: 'access', label: 'Access by', type: 'select', required: false, options: ['Scaffold', 'MEWP'] },
  ],
});

const draft: Permit = permitFixture({
  permit_type: { id: 4, code: 'height', name: 'Work at height', category: 'height', color: '#fa8c16' },
  parameters: { anchor: 'Beam B2' },
  planned_start: '2026-11-25T08:00:00Z',
  planned_end: '2026-11-25T12:00:00Z',
});

function renderForm(routes: Record<string, () => Response> = {}) {
  const fetchMock = mockFetch(routes);
  const onDone = vi.fn();
  renderWithProviders(
    <PermitForm
      project={{ id: 1, time_zone: 'Europe/London' }}
      types={[typeFixture(), templateType]}
      candidates={[{ id: 21, name: 'Elena Petrova', company: 'Build EPC', grade: 'B' }]}
      signerName="Ravi Menon"
      permit={draft}
      onDone={onDone}
      onCancel={vi.fn()}
    />,
  );
  return { fetchMock, onDone };
}

function formItemOf(element: HTMLElement): HTMLElement {
  const item = element.closest<HTMLElement>('.ant-form-item');
  if (item === null) throw new Error('not inside a form item');
  return item;
}

describe('PermitForm', () => {
  it('renders the type’s template fields by their type, with the stored values', () => {
    renderForm();

    expect(screen.getByLabelText('Anchor point')).toHaveValue('Beam B2');
    expect(screen.getByLabelText('Anchor point')).toHaveAttribute('type', 'text');
    expect(screen.getByLabelText('Rescue plan').tagName).toBe('TEXTAREA');
    expect(screen.getByRole('spinbutton', { name: 'Height (m)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Safety net fitted' })).not.toBeChecked();
    expect(screen.getByLabelText('Scaffold inspected on')).toHaveAttribute('placeholder', 'Choose a day');
    expect(screen.getByRole('combobox', { name: 'Access by' })).toBeInTheDocument();
  });

  it('shows the planned window on the site’s wall clock and lists mandatory PPE and the checklist', () => {
    renderForm();

    expect(screen.getByLabelText('Planned start')).toHaveValue('25 Nov 2026, 08:00');
    expect(screen.getByRole('checkbox', { name: 'Safety helmet' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Safety shoes' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Work area inspected (required)' })).toBeChecked();
  });

  it('checks the fields before saving, as the server would', async () => {
    const { fetchMock } = renderForm();

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: '   ' } });
    fireEvent.change(screen.getByLabelText('Location detail'), { target: { value: 'x'.repeat(201) } });
    typeDateTime(screen.getByLabelText('Planned end'), '2026-11-25T07:00');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('Fill in the title.')).toBeInTheDocument();
    expect(screen.getByText('Location: at most 200 characters.')).toBeInTheDocument();
    expect(screen.getByText('The planned end must be after the planned start.')).toBeInTheDocument();
    expect(writesOf(fetchMock)).toEqual([]);
  });

  it('asks for required template fields and the type’s longest duration only when submitting', async () => {
    renderForm();

    fireEvent.change(screen.getByLabelText('Anchor point'), { target: { value: '' } });
    typeDateTime(screen.getByLabelText('Planned end'), '2026-11-25T18:00');
    fireEvent.click(screen.getByRole('button', { name: 'Save and submit' }));

    expect(await screen.findByText('Fill in “Anchor point” before submitting.')).toBeInTheDocument();
    expect(screen.getByText('A Work at height permit may last at most 8 hours.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('saves only the changes with If-Match and puts server field errors on their fields', async () => {
    const invalid = {
      error: {
        code: 'invalid',
        message: 'Some fields are invalid.',
        fields: { title: ['Title taken by the server.'], parameters: ['Height (m): Must be a number.'] },
      },
    };
    const { fetchMock } = renderForm({ '/api/v1/ptw/permits/7/': () => jsonResponse(invalid, 400) });

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Anchor beam inspection' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    const titleError = await screen.findByText('Title taken by the server.');
    expect(formItemOf(titleError)).toContainElement(screen.getByLabelText('Title'));
    const details = screen.getByRole('region', { name: 'Work at height details' });
    expect(within(details).getByRole('alert')).toHaveTextContent('Height (m): Must be a number.');
    const [, init] = writesOf(fetchMock)[0] ?? [];
    expect(init?.method).toBe('PATCH');
    expect(sentHeaders(init).get('If-Match')).toBe('"3"');
    expect(sentBody(init)).toEqual({ title: 'Anchor beam inspection' });
  });

  it('opens the conflict dialog when someone else saved first', async () => {
    const current = { ...draft, version: 4, title: 'Changed by the other tab' };
    const conflict = { error: { code: 'version_conflict', message: 'Changed by someone else.', current } };
    renderForm({ '/api/v1/ptw/permits/7/': () => jsonResponse(conflict, 409) });

    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'My title' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    const dialog = await screen.findByRole('dialog', { name: 'This permit was changed by someone else' });
    expect(dialog).toHaveTextContent('Changed by the other tab');
    expect(dialog).toHaveTextContent('My title');
  });

  it('saves, then submits with the typed-name signature', async () => {
    const submitted = { ...draft, status: 'submitted' as const, allowed_actions: ['withdraw'] };
    const { fetchMock, onDone } = renderForm({
      '/api/v1/ptw/permits/7/': () => jsonResponse({ ...draft, version: 4 }),
      '/api/v1/ptw/permits/7/submit/': () => jsonResponse(submitted),
    });

    fireEvent.change(screen.getByLabelText('Rescue plan'), { target: { value: 'Rescue kit at the base.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and submit' }));
    const dialog = await screen.findByRole('dialog');
    const send = within(dialog).getByRole('button', { name: 'Submit' });
    expect(send).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Sign: type your full name'), { target: { value: 'ravi menon' } });
    fireEvent.click(send);

    await waitFor(() => {
      expect(onDone).toHaveBeenCalledWith(submitted);
    });
    const [patch, submit] = writesOf(fetchMock);
    expect(sentBody(patch?.[1])).toEqual({ parameters: { anchor: 'Beam B2', rescue_plan: 'Rescue kit at the base.' } });
    expect(submit?.[0]).toBe('/api/v1/ptw/permits/7/submit/');
    expect(sentBody(submit?.[1])).toMatchObject({ signature: { method: 'typed', data: 'ravi menon' } });
  });
});

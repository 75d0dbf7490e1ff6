import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { permitFixture } from '@/test/permitFixtures';
import { PermitConflictDialog } from './PermitConflictDialog';

const current = permitFixture({
  version: 5,
  title: 'Replace flange gasket (night shift)',
  planned_end: '2026-11-25T18:00:00Z',
});
const changes = { title: 'Replace flange gasket F-3', location: 'Unit 3, rack B' };

function renderDialog() {
  const saved = permitFixture({ ...current, ...changes, version: 6 });
  const fetchMock = mockFetch({ '/api/v1/ptw/permits/7/': () => jsonResponse(saved) });
  const onReapplied = vi.fn();
  const onDiscard = vi.fn();
  renderWithProviders(
    <PermitConflictDialog
      current={current}
      changes={changes}
      original={permitFixture()}
      timeZone="Europe/London"
      onReapplied={onReapplied}
      onDiscard={onDiscard}
    />,
  );
  return { fetchMock, onReapplied, onDiscard, saved };
}

describe('PermitConflictDialog', () => {
  it('shows the values saved meanwhile next to the user’s unsaved changes', () => {
    renderDialog();

    const dialog = screen.getByRole('dialog', { name: 'This permit was changed by someone else' });
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent))).toEqual([
      ['Title', 'Replace flange gasket (night shift)', 'Replace flange gasket F-3'],
      ['Location', 'Unit 3', 'Unit 3, rack B'],
      ['Planned end', '25 Nov 2026, 18:00', 'Not changed by you (kept as saved)'],
    ]);
    expect(dialog).toHaveTextContent('Version 5 of PTW-2026-000007');
  });

  it('re-applies the changes with If-Match set to the current version', async () => {
    const { fetchMock, onReapplied, saved } = renderDialog();

    fireEvent.click(screen.getByRole('button', { name: 'Re-apply my changes' }));

    await waitFor(() => {
      expect(onReapplied).toHaveBeenCalledWith(saved);
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/ptw/permits/7/');
    expect(init?.method).toBe('PATCH');
    expect(sentHeaders(init).get('If-Match')).toBe('"5"');
    expect(sentBody(init)).toEqual(changes);
  });

  it('discards the changes for the current version without saving', () => {
    const { fetchMock, onDiscard } = renderDialog();

    fireEvent.click(screen.getByRole('button', { name: 'Discard mine' }));

    expect(onDiscard).toHaveBeenCalledWith(current);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

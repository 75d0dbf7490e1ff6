import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readinessFixture } from '@/test/permitFixtures';
import { ReadinessPanel } from './ReadinessPanel';

describe('ReadinessPanel', () => {
  it('lists every action with whether it is possible now and each missing message', () => {
    const readiness = readinessFixture(['reject'], {
      verify: [
        { code: 'gas_test_missing', message: 'Record a gas test before verifying.' },
        { code: 'hazards_missing', message: 'Record the hazards of the work.' },
      ],
    });
    readiness.requires = { ...readiness.requires, gas_test: true, toolbox_talk: true };
    render(<ReadinessPanel readiness={readiness} />);

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(Object.keys(readiness.actions).length);
    const cells = (name: string) => {
      const row = rows.find((candidate) => within(candidate).queryByText(name, { exact: true }) !== null);
      if (row === undefined) throw new Error(`no row for ${name}`);
      return within(row).getAllByRole('cell').map((cell) => cell.textContent);
    };
    expect(cells('Verify')).toEqual([
      'Verify',
      'Not possible',
      'Record a gas test before verifying.Record the hazards of the work.',
    ]);
    expect(cells('Reject')).toEqual(['Reject', 'Possible', 'Nothing']);
    expect(cells('Cancel permit')[1]).toBe('Not possible');
    expect(screen.getByText('This permit type requires: Gas test, Toolbox talk.')).toBeInTheDocument();
  });

  it('orders the actions as the permit’s life goes', () => {
    render(<ReadinessPanel readiness={readinessFixture([])} />);

    const firstCells = screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0]?.textContent);
    expect(firstCells.slice(0, 4)).toEqual(['Submit', 'Resubmit', 'Verify', 'Approve']);
    expect(firstCells.at(-1)).toBe('Cancel permit');
  });
});

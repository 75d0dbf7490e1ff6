import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readinessFixture } from '@/test/permitFixtures';
import { ReadinessPanel } from './ReadinessPanel';

function mainRows() {
  const [table] = screen.getAllByRole('table');
  if (table === undefined) throw new Error('no table');
  return within(table).getAllByRole('row').slice(1);
}

function cells(rows: HTMLElement[], name: string) {
  const row = rows.find((candidate) => within(candidate).queryByText(name, { exact: true }) !== null);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return within(row).getAllByRole('cell').map((cell) => cell.textContent);
}

describe('ReadinessPanel', () => {
  it('shows the actions that matter for this status and person, each with what is missing', () => {
    const readiness = readinessFixture(['reject'], {
      verify: [
        { code: 'gas_test_missing', message: 'Record a gas test before verifying.' },
        { code: 'hazards_missing', message: 'Record the hazards of the work.' },
      ],
      cancel: [{ code: 'not_permitted', message: 'Only the permit’s requester may do this.' }],
    });
    readiness.requires = { ...readiness.requires, gas_test: true, toolbox_talk: true };
    render(<ReadinessPanel readiness={readiness} />);

    const rows = mainRows();
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['Verify', 'Reject']);
    expect(cells(rows, 'Verify')).toEqual([
      'Verify',
      'Not possible',
      'Record a gas test before verifying.Record the hazards of the work.',
    ]);
    expect(cells(rows, 'Reject')).toEqual(['Reject', 'Possible', 'Nothing']);
    expect(screen.queryByText('Not possible from this status.')).not.toBeInTheDocument();
    expect(screen.getByText('This permit type requires: Gas test, Toolbox talk.')).toBeInTheDocument();
  });

  it('folds away the actions the status does not allow or that are someone else’s, under "Other actions"', () => {
    const readiness = readinessFixture(['reject'], {
      cancel: [{ code: 'not_permitted', message: 'Only the permit’s requester may do this.' }],
    });
    render(<ReadinessPanel readiness={readiness} />);

    const toggle = screen.getByRole('button', { name: /Other actions \(12\)/ });
    fireEvent.click(toggle);
    const others = within(screen.getAllByRole('table')[1] ?? document.body).getAllByRole('row').slice(1);
    const names = others.map((row) => within(row).getAllByRole('cell')[0]?.textContent);
    expect(names.slice(0, 3)).toEqual(['Submit', 'Resubmit', 'Verify']);
    expect(names.at(-1)).toBe('Cancel permit');
    expect(cells(others, 'Cancel permit')[2]).toBe('Only the permit’s requester may do this.');
  });

  it('says when nothing is for this person to do', () => {
    render(<ReadinessPanel readiness={readinessFixture([])} />);

    expect(screen.getByText('Nothing for you to do on this permit now.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Other actions \(13\)/ })).toBeInTheDocument();
  });
});

describe('ReadinessPanel and competency', () => {
  it('shows a record the caller’s certificates refuse, and certificates expiring soon', () => {
    const readiness = readinessFixture(['reject']);
    readiness.records = {
      ...readiness.records,
      gas_test: {
        allowed: false,
        relevant: true,
        missing: [{ code: 'competency_expired', message: 'Ian’s Authorised gas tester certificate (AGT-1) expired on 2026-11-24.' }],
      },
    };
    readiness.warnings = [
      { code: 'competency_expiring', message: 'Vera’s Authorised gas tester certificate (AGT-2) expires in 21 day(s), on 2026-12-25.' },
    ];
    render(<ReadinessPanel readiness={readiness} />);
    expect(cells(mainRows(), 'Record a gas test')).toEqual([
      'Record a gas test',
      'Not possible',
      'Ian’s Authorised gas tester certificate (AGT-1) expired on 2026-11-24.',
    ]);
    expect(screen.getByText('Certificates expiring soon')).toBeInTheDocument();
    expect(screen.getByText(/expires in 21 day\(s\)/)).toBeInTheDocument();
  });

  it('folds a record the permit’s status no longer takes, or that is someone else’s, with the other actions', () => {
    const readiness = readinessFixture([]);
    readiness.records = {
      ...readiness.records,
      gas_test: {
        allowed: false,
        relevant: false,
        missing: [{ code: 'invalid_status', message: 'A cancelled permit takes no more gas tests.' }],
      },
      isolate: { allowed: false, relevant: true, missing: [{ code: 'not_permitted', message: 'Viewers cannot change isolations.' }] },
    };
    render(<ReadinessPanel readiness={readiness} />);

    expect(screen.getByText('Nothing for you to do on this permit now.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Other actions \(15\)/ })).toBeInTheDocument();
  });
});

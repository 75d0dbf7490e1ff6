import type { Conflict } from './types';

/** A conflict as the server answers it: another live permit, its effect and the reason. */
export function conflictFixture(
  overrides: Omit<Partial<Conflict>, 'other'> & { other?: Partial<Conflict['other']> } = {},
): Conflict {
  const { other, ...rest } = overrides;
  return {
    effect: 'block',
    kind: 'rule',
    scope: 'unit',
    reason: 'Hot work and confined space entry in the same unit (Tank farm)',
    refuses: false,
    acknowledged: null,
    // As the server says for a permit nobody acknowledged a conflict of: a warn needs this permit's acknowledgement.
    needs_acknowledgement: rest.effect === 'warn' && (rest.acknowledged ?? null) === null,
    ...rest,
    other: {
      id: 31,
      permit_number: 'PTW-2026-000031',
      title: 'Enter tank T-3 for inspection',
      status: 'active',
      permit_type: { id: 3, name: 'Confined space entry', category: 'confined_space', color: '#722ed1' },
      location_node: { id: 12, code: 'T-3', name: 'Tank T-3', path: 'Tank farm / T-3' },
      planned_start: '2026-11-25T08:00:00Z',
      planned_end: '2026-11-25T16:00:00Z',
      ...other,
    },
  };
}

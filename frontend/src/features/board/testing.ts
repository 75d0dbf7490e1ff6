import type { Board, BoardPermit } from './api/types';

/** A permit on the board: hot work in the tank farm at node T-3 unless told otherwise. */
export function boardPermit(overrides: Partial<BoardPermit> = {}): BoardPermit {
  return {
    id: 41,
    permit_number: 'PTW-2026-000041',
    title: 'Weld support on tank T-3',
    status: 'submitted',
    permit_type: { id: 2, name: 'Hot work', category: 'hot_work', color: '#f5222d' },
    location_node: {
      id: 12,
      code: 'T-3',
      name: 'Tank T-3',
      path: 'Tank farm / T-3',
      kind: 'unit',
      area: 10,
      unit: 12,
      plan_x: 0.25,
      plan_y: 0.6,
    },
    planned_start: '2026-12-03T06:00:00Z',
    planned_end: '2026-12-03T12:00:00Z',
    actual_start: null,
    ...overrides,
  };
}

/** 3 Dec 2026 in London: one area with the permits given and their conflicts. */
export function boardFixture(permits: BoardPermit[], conflicts: Board['conflicts'] = []): Board {
  return {
    project: 1,
    date: '2026-12-03',
    day_start: '2026-12-03T00:00:00Z',
    day_end: '2026-12-04T00:00:00Z',
    areas: [{ id: 10, code: 'TF', name: 'Tank farm', plot_plan_url: '/api/v1/ptw/locations/10/plot-plan/', permits }],
    unplaced: [],
    conflicts,
  };
}

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { callsTo, jsonResponse, mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';
import { boardUrl } from './api/board';
import { BoardPage } from './BoardPage';
import { pinsOf } from './PlotPlan';
import { boardFixture, boardPermit } from './testing';

const entry = boardPermit({
  id: 31,
  permit_number: 'PTW-2026-000031',
  title: 'Enter tank T-3',
  status: 'active',
  permit_type: { id: 3, name: 'Confined space entry', category: 'confined_space', color: '#722ed1' },
  // From 20:00 the evening before to 10:00: clipped at midnight.
  planned_start: '2026-12-02T20:00:00Z',
  planned_end: '2026-12-03T10:00:00Z',
});
const hotWork = boardPermit();
const board = boardFixture([entry, hotWork], [
  { a: 31, b: 41, effect: 'block', reason: 'Hot work and confined space entry in the same unit (Tank farm)' },
]);
const DAY = '2026-12-03';
const filters = { area: null, permitType: null, status: null };

function renderBoard() {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-03T09:30:00Z'));
  const fetchMock = mockFetch({
    ...sessionRoutes(meBody()),
    [boardUrl(1, DAY, filters)]: () => jsonResponse(board),
    '/api/v1/ptw/locations/tree/?project=1': () => jsonResponse({ project: 1, nodes: [] }),
    '/api/v1/ptw/permit-types/?project=1': () => jsonResponse([]),
    [boardUrl(1, '2026-12-04', filters)]: () => jsonResponse({ ...boardFixture([]), areas: [], date: '2026-12-04' }),
  });
  renderWithProviders(
    <Routes>
      <Route path="/board" element={<BoardPage />} />
    </Routes>,
    { route: '/board?project=1' },
  );
  vi.useRealTimers();
  return fetchMock;
}

describe('BoardPage', () => {
  it('asks for today on the site’s calendar and places each bar at its window, clipped at midnight', async () => {
    const fetchMock = renderBoard();

    const bar = await screen.findByTestId('board-bar-41');
    // 06:00–12:00 of a 24-hour day.
    expect(bar).toHaveAttribute('data-left', '25.000');
    expect(bar).toHaveAttribute('data-width', '25.000');
    expect(bar).toHaveStyle({ left: '25%', width: '25%' });
    expect(bar).toHaveAttribute('href', '/permits/41?project=1');
    expect(bar).toHaveStyle({ background: '#f5222d' });
    // The entry began the evening before: its bar starts at 00:00 and runs to 10:00.
    const clipped = screen.getByTestId('board-bar-31');
    expect(clipped).toHaveAttribute('data-left', '0.000');
    expect(Number(clipped.dataset.width)).toBeCloseTo((10 / 24) * 100, 2);
    expect(clipped).toHaveTextContent('◀ Confined space entry');
    expect(callsTo(fetchMock, 'GET', boardUrl(1, DAY, filters))).not.toEqual([]);
  });

  it('shows statuses through the status dictionary and the conflict on the axis, in the list and on the plan', async () => {
    renderBoard();

    const area = await screen.findByRole('region', { name: 'Area Tank farm' });
    expect(within(area).getByText('Active')).toBeInTheDocument();
    expect(within(area).getByText('Submitted')).toBeInTheDocument();
    const mark = within(area).getByRole('img', {
      name: 'Conflict between PTW-2026-000031 and PTW-2026-000041: Hot work and confined space entry in the same unit (Tank farm)',
    });
    // Where the two windows overlap: 06:00–10:00.
    expect(mark).toHaveStyle({ left: '25%' });
    expect(Number.parseFloat(mark.style.width)).toBeCloseTo((4 / 24) * 100, 2);
    expect(within(area).getByText(/PTW-2026-000031 × PTW-2026-000041/)).toBeInTheDocument();
    expect(within(area).getByRole('img', { name: 'Plot plan of Tank farm' })).toHaveAttribute(
      'src',
      '/api/v1/ptw/locations/10/plot-plan/',
    );
    // Both at tank T-3 (plan_x 0.25, plan_y 0.6); the second set a little aside. Both red: they conflict.
    const pin = within(area).getByTestId('plan-pin-31');
    expect(pin).toHaveStyle({ left: '25%', top: '60%' });
    expect(pin).toHaveAttribute('data-conflict', 'true');
    expect(within(area).getByTestId('plan-pin-41')).toHaveAttribute('data-conflict', 'true');
  });

  it('asks for the next day’s board from the next-day button', async () => {
    const fetchMock = renderBoard();

    fireEvent.click(await screen.findByRole('button', { name: 'Next day' }));

    expect(await screen.findByText('No live or planned permits on this day.')).toBeInTheDocument();
    await waitFor(() => {
      expect(callsTo(fetchMock, 'GET', boardUrl(1, '2026-12-04', filters))).not.toEqual([]);
    });
  });
});

describe('pinsOf', () => {
  it('pins permits at their node’s plan_x / plan_y and leaves out those without a position', () => {
    const unplaced = boardPermit({ id: 50, location_node: null });
    const noPosition = boardPermit({
      id: 51,
      location_node: { id: 13, code: 'T-4', name: 'Tank T-4', path: 'Tank farm / T-4', kind: 'unit', area: 10, unit: 13, plan_x: null, plan_y: null },
    });
    const sameNode = boardPermit({ id: 52 });
    const pins = pinsOf([hotWork, unplaced, noPosition, sameNode]);
    expect(pins.map((pin) => [pin.permit.id, pin.left, pin.top])).toEqual([
      [41, 25, 60],
      // A second permit on the same node is set a little aside, so both can be tapped.
      [52, 26.5, 61.5],
    ]);
  });
});

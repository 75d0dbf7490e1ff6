import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callsTo, jsonResponse, mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, sessionRoutes } from '@/test/session';
import { boardUrl } from './api/board';
import { BoardPage } from './BoardPage';
import { PLAN_MAX_WIDTH, PLAN_MAX_WIDTH_LARGE, pinsOf } from './PlotPlan';
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
  return fetchMock;
}

// The site's "today" is read on every render: the clock stays at the test's morning until the test ends.
afterEach(() => {
  vi.useRealTimers();
});

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

describe('BoardPage: filters, layout and full screen', () => {
  it('asks again with each filter chosen, all through one kind of control', async () => {
    const fetchMock = renderBoard();
    const withStatus = { ...filters, status: 'active' as const };
    fetchMock.mockClear();
    const group = within(await screen.findByRole('group', { name: 'Filters' }));
    expect(group.getAllByRole('combobox').map((box) => box.getAttribute('aria-label'))).toEqual([
      'Area',
      'Permit type',
      'Status',
    ]);
    fireEvent.mouseDown(group.getByRole('combobox', { name: 'Status' }));
    fireEvent.click(await screen.findByTitle('Active'));
    await waitFor(() => {
      expect(callsTo(fetchMock, 'GET', boardUrl(1, DAY, withStatus))).not.toEqual([]);
    });
  });

  it('keeps the row labels in view across the whole scroll of the axis and bounds the plot plan', async () => {
    renderBoard();
    const area = await screen.findByRole('region', { name: 'Area Tank farm' });
    // The grid is at least as wide as its columns, so the sticky labels are never carried off with the axis.
    expect(within(area).getByTestId('board-grid')).toHaveStyle({ minWidth: '700px' });
    expect(within(area).getByTestId('board-labels')).toHaveStyle({ position: 'sticky', left: '0px' });
    expect(within(area).getByTestId('plot-plan-figure')).toHaveStyle({ maxWidth: `${String(PLAN_MAX_WIDTH)}px` });
  });

  it('fills the screen for a control room: the board asks for full screen and takes the large layout', async () => {
    const enabled = Object.getOwnPropertyDescriptor(Document.prototype, 'fullscreenEnabled');
    let shown: Element | null = null;
    Object.defineProperty(document, 'fullscreenEnabled', { configurable: true, get: () => true });
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => shown });
    const request = vi.fn<(this: HTMLElement) => Promise<void>>(() => Promise.resolve());
    const exit = vi.fn(() => {
      shown = null;
      document.dispatchEvent(new Event('fullscreenchange'));
      return Promise.resolve();
    });
    HTMLElement.prototype.requestFullscreen = request;
    document.exitFullscreen = exit;
    try {
      renderBoard();
      const area = await screen.findByRole('region', { name: 'Area Tank farm' });
      expect(screen.queryByRole('heading', { level: 2 })).not.toBeInTheDocument();
      expect(within(area).getByTestId('board-bar-41')).toHaveStyle({ fontSize: '12px' });

      fireEvent.click(screen.getByRole('button', { name: 'Full screen' }));

      expect(request).toHaveBeenCalledTimes(1);
      // The board itself (with its filters) fills the screen, not the whole page; the browser then says so.
      const [frame] = request.mock.contexts;
      if (frame === undefined) throw new Error('requestFullscreen was called without its element');
      expect(within(frame).getByRole('group', { name: 'Filters' })).toBeInTheDocument();
      shown = frame;
      act(() => {
        document.dispatchEvent(new Event('fullscreenchange'));
      });
      expect(await screen.findByRole('heading', { level: 2, name: /3 Dec 2026/ })).toBeInTheDocument();
      expect(within(area).getByTestId('board-bar-41')).toHaveStyle({ fontSize: '16px' });
      expect(within(area).getByTestId('plot-plan-figure')).toHaveStyle({
        maxWidth: `${String(PLAN_MAX_WIDTH_LARGE)}px`,
      });
      expect(screen.queryByRole('link', { name: 'permit list' })).not.toBeInTheDocument();

      fireEvent.click(screen.getByRole('button', { name: 'Exit full screen' }));

      expect(exit).toHaveBeenCalledTimes(1);
      await waitFor(() => {
        expect(screen.queryByRole('heading', { level: 2 })).not.toBeInTheDocument();
      });
      expect(screen.getByRole('button', { name: 'Full screen' })).toBeInTheDocument();
    } finally {
      Reflect.deleteProperty(document, 'fullscreenEnabled');
      Reflect.deleteProperty(document, 'fullscreenElement');
      if (enabled !== undefined) Object.defineProperty(Document.prototype, 'fullscreenEnabled', enabled);
    }
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

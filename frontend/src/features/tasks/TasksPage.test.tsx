import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes, southYard, taskPage, TASK_COUNT_URL } from '@/test/session';
import { tasksQueryKey } from '@/lib/api/keys';
import type { Task } from './api';

const TASKS_URL = '/api/v1/ptw/tasks/?page=1&page_size=25';

const verifyTask: Task = {
  id: 7,
  kind: 'verify',
  permit: { id: 8, permit_number: 'PTW-2026-000008', title: 'Trench for earthing grid', status: 'submitted', project: 1 },
  pool: true,
  reason: '',
  created_at: '2026-11-25T14:41:00Z',
};

const approveTask: Task = {
  id: 9,
  kind: 'approve',
  permit: { id: 12, permit_number: 'PTW-2026-000012', title: 'Hot tap on header', status: 'under_review', project: 2 },
  pool: false,
  reason: '',
  created_at: '2026-11-25T10:00:00Z',
};

const resubmitTask: Task = {
  id: 10,
  kind: 'resubmit',
  permit: { id: 14, permit_number: 'PTW-2026-000014', title: 'Scaffold at tank 4', status: 'rejected', project: 1 },
  pool: false,
  reason: 'Hazards miss the live cable',
  created_at: '2026-11-25T11:00:00Z',
};

function renderTasks(answers: { list: Task[]; count: number }) {
  const fetchMock = mockFetch({
    ...sessionRoutes(meBody({ memberships: [northPlant, southYard] })),
    [TASK_COUNT_URL]: () => jsonResponse(taskPage([], answers.count)),
    [TASKS_URL]: () => jsonResponse(taskPage(answers.list)),
  });
  return { fetchMock, ...renderWithProviders(<AppRoutes />, { route: '/tasks' }) };
}

function badge() {
  return within(screen.getByRole('menuitem', { name: /Waiting for me/ })).queryByTitle(/waiting$/);
}

describe('Waiting for me', () => {
  it('lists each task with a link to its permit, in the permit project\'s time zone', async () => {
    renderTasks({ list: [verifyTask, approveTask], count: 2 });

    const table = await screen.findByRole('table');
    await within(table).findByText('Trench for earthing grid');
    const [first, second] = within(table).getAllByRole('row').slice(1);
    if (first === undefined || second === undefined) throw new Error('rows missing');
    expect(within(first).getByText('Verify')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'PTW-2026-000008' })).toHaveAttribute('href', '/permits/8?project=1');
    expect(within(first).getByText('Submitted')).toBeInTheDocument();
    expect(within(first).getByText('North Plant')).toBeInTheDocument();
    expect(within(first).getByText('25 Nov 2026, 14:41')).toBeInTheDocument();
    expect(within(second).getByText('Approve')).toBeInTheDocument();
    expect(within(second).getByRole('link', { name: 'PTW-2026-000012' })).toHaveAttribute('href', '/permits/12?project=2');
    expect(within(second).getByText('South Yard')).toBeInTheDocument();
    expect(within(second).getByText('25 Nov 2026, 14:00')).toBeInTheDocument();
    expect(within(second).getByText('To you by name')).toBeInTheDocument();
  });

  it('shows each task as a card on a phone: what to do, permit, title, status, waiting since', async () => {
    window.innerWidth = 390;
    renderTasks({ list: [verifyTask, approveTask], count: 2 });

    const cards = await screen.findByRole('region', { name: 'Waiting for me' });
    await within(cards).findByText('Trench for earthing grid');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const card = within(cards).getByText('Hot tap on header').closest('.ant-card');
    if (!(card instanceof HTMLElement)) throw new Error('card missing');
    expect(within(card).getByText('Approve')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'PTW-2026-000012' })).toHaveAttribute('href', '/permits/12?project=2');
    expect(within(card).getByText('South Yard')).toBeInTheDocument();
    expect(within(card).getByText('25 Nov 2026, 14:00')).toBeInTheDocument();
    expect(within(card).getByText(/^waiting /)).toBeInTheDocument();
    const verifyCard = within(cards).getByText('Trench for earthing grid').closest('.ant-card');
    if (!(verifyCard instanceof HTMLElement)) throw new Error('card missing');
    expect(within(verifyCard).getByText('Verify')).toBeInTheDocument();
    expect(within(verifyCard).getByText('Submitted')).toBeInTheDocument();
  });

  it('shows a rejected permit as "Fix and resubmit" with the reason', async () => {
    renderTasks({ list: [resubmitTask], count: 1 });

    const table = await screen.findByRole('table');
    await within(table).findByText('Scaffold at tank 4');
    const [row] = within(table).getAllByRole('row').slice(1);
    if (row === undefined) throw new Error('row missing');
    expect(within(row).getByText('Fix and resubmit')).toBeInTheDocument();
    expect(within(row).getByText('Reason: Hazards miss the live cable')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'PTW-2026-000014' })).toBeInTheDocument();
  });

  it('says so when nothing waits', async () => {
    renderTasks({ list: [], count: 0 });

    expect(await screen.findByText('Nothing is waiting for you.')).toBeInTheDocument();
    expect(badge()).not.toBeInTheDocument();
  });

  it('counts the tasks on the sidebar and drops a withdrawn one when asked again', async () => {
    const answers = { list: [verifyTask, approveTask], count: 2 };
    const { queryClient } = renderTasks(answers);

    await screen.findByText('Trench for earthing grid');
    await waitFor(() => {
      expect(badge()).toHaveTextContent('2');
    });

    // Another verifier took the pool task: the server no longer lists it.
    answers.list = [approveTask];
    answers.count = 1;
    await act(() => queryClient.invalidateQueries({ queryKey: tasksQueryKey }));

    await waitFor(() => {
      expect(screen.queryByText('Trench for earthing grid')).not.toBeInTheDocument();
    });
    expect(badge()).toHaveTextContent('1');
  });

  it('asks again after any change of data', async () => {
    const { fetchMock, queryClient } = renderTasks({ list: [], count: 0 });
    await screen.findByText('Nothing is waiting for you.');
    const asked = () => fetchMock.mock.calls.filter(([url]) => url === TASK_COUNT_URL).length;
    const before = asked();

    await act(() =>
      queryClient.getMutationCache().build(queryClient, { mutationFn: () => Promise.resolve('verified') }).execute(undefined),
    );

    await waitFor(() => {
      expect(asked()).toBeGreaterThan(before);
    });
  });
});

import type { Me, Membership } from '@/lib/session';
import type { TaskPage } from '@/features/tasks/api';
import { jsonResponse } from './fetch';

export const northPlant: Membership = {
  project: { id: 1, name: 'North Plant', time_zone: 'Europe/London' },
  role: 'member',
  capabilities: ['request'],
};

export const southYard: Membership = {
  project: { id: 2, name: 'South Yard', time_zone: 'Asia/Dubai' },
  role: 'member',
  capabilities: ['verify'],
};

/** The signed-in user of UI tests: a contractor requester on one project unless told otherwise. */
export function meBody(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    email: 'requester@acme.example',
    name: 'Ravi Menon',
    grade: 'C',
    is_tenant_admin: false,
    company: { id: 3, name: 'Acme Site Services', side: 'contractor' },
    memberships: [northPlant],
    security_notice: null,
    ...overrides,
  };
}

export function taskPage(results: TaskPage['results'], count = results.length): TaskPage {
  return { count, next: null, previous: null, results };
}

export const TASK_COUNT_URL = '/api/v1/ptw/tasks/?page=1&page_size=1';

export const UNREAD_NOTIFICATIONS_URL = '/api/v1/notifications/unread/';

/** Fetch routes of a signed-in session: who the user is, how many tasks wait for them, no unread notifications. */
export function sessionRoutes(me: Me = meBody(), taskCount = 0): Record<string, () => Response> {
  return {
    '/api/v1/auth/me/': () => jsonResponse(me),
    [TASK_COUNT_URL]: () => jsonResponse(taskPage([], taskCount)),
    [UNREAD_NOTIFICATIONS_URL]: () => jsonResponse({ count: 0, newest_id: null }),
  };
}

import { jsonResponse } from '@/test/fetch';
import type { Notification, NotificationPage, Preferences } from '../api/types';

/** A notification of the signed-in test user in North Plant (project 1), unread unless told otherwise. */
export function notificationOf(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 5,
    kind: 'permit_rejected',
    category: 'status',
    title: 'Your permit was rejected',
    body: 'Reason: Hazards miss the live cable',
    permit: { id: 12, permit_number: 'PTW-2026-000012', title: 'Hot tap on header', location: 'Pipe rack 3' },
    project: { id: 1, name: 'North Plant' },
    link: '/permits/12?project=1',
    created_at: '2026-11-25T14:41:00Z',
    read_at: null,
    withdrawn_at: null,
    toast: false,
    ...overrides,
  };
}

export function notificationPage(results: Notification[], count = results.length): NotificationPage {
  return { count, next: null, previous: null, results };
}

/** The unread poll's answer, with its ETag. */
export function unreadResponse(count: number, newestId: number | null, etag: string): Response {
  return new Response(JSON.stringify({ count, newest_id: newestId }), {
    status: 200,
    headers: { 'Content-Type': 'application/json', ETag: etag },
  });
}

export function notModified(): Response {
  return new Response(null, { status: 304 });
}

export function preferencesOf(): Preferences {
  return {
    kinds: [
      {
        kind: 'task_waiting',
        label: 'A task waits for you',
        description: 'A permit waits for your verification, approval or acknowledgement.',
        category: 'task',
        channels: { in_app: true, email: true },
        in_app_required: false,
      },
      {
        kind: 'gas_unsafe',
        label: 'Unsafe gas reading',
        description: 'A gas test on your permit read unsafe; the permit was suspended.',
        category: 'safety',
        channels: { in_app: true, email: true },
        in_app_required: true,
      },
    ],
  };
}

export function preferencesResponse(preferences: Preferences = preferencesOf()): Response {
  return jsonResponse(preferences);
}

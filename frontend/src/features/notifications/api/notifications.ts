import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGetIfChanged, apiRequest } from '@/lib/api/client';
import { notificationKeys } from '@/lib/api/keys';
import { useOnline } from '@/lib/offline/online';
import type {
  MarkAllReadAnswer,
  Notification,
  NotificationPage,
  Preferences,
  PreferencesUpdate,
  UnreadSummary,
} from './types';

const NOTIFICATIONS = '/api/v1/notifications/';
export const UNREAD_URL = `${NOTIFICATIONS}unread/`;
export const READ_ALL_URL = `${NOTIFICATIONS}read-all/`;
export const PREFERENCES_URL = `${NOTIFICATIONS}preferences/`;

/** How often the unread count is asked again while the page is in view and the device online. */
export const UNREAD_POLL_MS = 20_000;

export interface NotificationFilter {
  unread: boolean;
  page: number;
  pageSize: number;
}

export function notificationListUrl({ unread, page, pageSize }: NotificationFilter): string {
  const params = new URLSearchParams({ page: String(page), page_size: String(pageSize) });
  if (unread) params.set('unread', 'true');
  return `${NOTIFICATIONS}?${params.toString()}`;
}

/** The notifications that arrived after the one numbered `id`, newest first. */
export function arrivedAfterUrl(id: number, pageSize: number): string {
  return `${NOTIFICATIONS}?${new URLSearchParams({ after: String(id), page_size: String(pageSize) }).toString()}`;
}

export function markReadUrl(id: number): string {
  return `${NOTIFICATIONS}${String(id)}/read/`;
}

/** The unread count as last answered, with the ETag to ask whether it changed. */
export interface UnreadState extends UnreadSummary {
  etag: string | null;
}

/**
 * The caller's unread count and newest notification, asked every 20 s while the page is in view and the
 * device online, and again when the window regains focus. Each poll sends the last ETag: a 304 keeps the
 * answer already held (the same object, so nothing re-renders).
 */
export function useUnreadSummary() {
  const queryClient = useQueryClient();
  const online = useOnline();
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async ({ signal }): Promise<UnreadState> => {
      const held = queryClient.getQueryData<UnreadState>(notificationKeys.unread);
      const answer = await apiGetIfChanged<UnreadSummary>(UNREAD_URL, held?.etag ?? null, { signal });
      if (!answer.unchanged) return { count: answer.body.count, newest_id: answer.body.newest_id, etag: answer.etag };
      if (held !== undefined) return held;
      // A 304 with nothing held (the cache was emptied in between): ask unconditionally.
      const fresh = await apiRequest<UnreadSummary>(UNREAD_URL, { signal });
      return { count: fresh.count, newest_id: fresh.newest_id, etag: null };
    },
    // Another bell or page mounting in between polls reuses the held answer; focus always asks again.
    staleTime: UNREAD_POLL_MS / 2,
    refetchInterval: online ? UNREAD_POLL_MS : false,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
  });
}

/** One page of the caller's notifications, newest first: unread ones only, or all. */
export function useNotifications(filter: NotificationFilter, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: notificationKeys.list(filter),
    queryFn: ({ signal }) => apiRequest<NotificationPage>(notificationListUrl(filter), { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Fetches what arrived after notification `id` (for the toasts of new arrivals). */
export function fetchArrivedAfter(id: number, pageSize: number): Promise<NotificationPage> {
  return apiRequest<NotificationPage>(arrivedAfterUrl(id, pageSize));
}

function useRefreshNotifications() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: notificationKeys.unread }),
      queryClient.invalidateQueries({ queryKey: notificationKeys.lists }),
    ]);
}

/** Marks one notification read; the count and lists are asked again. */
export function useMarkRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: (id: number) => apiRequest<Notification>(markReadUrl(id), { method: 'POST' }),
    onSuccess: refresh,
  });
}

/** Marks every notification of the caller read. */
export function useMarkAllRead() {
  const refresh = useRefreshNotifications();
  return useMutation({
    mutationFn: () => apiRequest<MarkAllReadAnswer>(READ_ALL_URL, { method: 'POST' }),
    onSuccess: refresh,
  });
}

/** Which channels the caller gets each kind of notification on. */
export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => apiRequest<Preferences>(PREFERENCES_URL, { signal }),
  });
}

/** Saves the caller's channels for every kind; the answer is the preferences in full. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: PreferencesUpdate) => apiRequest<Preferences>(PREFERENCES_URL, { method: 'PUT', body: update }),
    onSuccess: (saved) => {
      queryClient.setQueryData(notificationKeys.preferences, saved);
    },
  });
}

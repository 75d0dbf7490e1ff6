import { App, Button } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { notificationKeys } from '@/lib/api/keys';
import { fetchArrivedAfter, useMarkRead, useUnreadSummary } from '../api/notifications';
import type { Notification } from '../api/types';

/** At most this many arrivals are fetched to toast at once; the rest wait in the list. */
const ARRIVALS_FETCHED = 20;
/** Seconds a task's toast stays; a safety alert's stays until closed. */
const TASK_TOAST_S = 10;

function toastKey(id: number): string {
  return `notification-${String(id)}`;
}

/** Whether an arrival pops up: tasks and safety alerts (the server says which), still unread and not withdrawn. */
export function shouldToast(notification: Notification): boolean {
  return notification.toast && notification.read_at === null && notification.withdrawn_at === null;
}

/**
 * Pops up the notifications that arrive while the app is open. The first answer of the unread poll is the
 * baseline (nothing is toasted on page load); when the newest id grows, what arrived after the one seen
 * before is fetched and each toast-worthy arrival shown with its permit and a "View" button.
 */
export function NotificationToasts() {
  const { notification: toasts } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { mutate: markRead } = useMarkRead();
  const { data } = useUnreadSummary();
  const seen = useRef<number | null>(null);
  const newestId = data?.newest_id;

  useEffect(() => {
    if (newestId === undefined) return;
    const newest = newestId ?? 0;
    if (seen.current === null || newest <= seen.current) {
      seen.current = Math.max(seen.current ?? 0, newest);
      return;
    }
    const after = seen.current;
    seen.current = newest;
    void queryClient.invalidateQueries({ queryKey: notificationKeys.lists });
    const show = (arrival: Notification) => {
      const key = toastKey(arrival.id);
      const safety = arrival.category === 'safety';
      const permit = arrival.permit === null ? null : `${arrival.permit.permit_number} ${arrival.permit.title}`;
      toasts.open({
        key,
        type: safety ? 'warning' : 'info',
        message: arrival.title,
        description: permit ?? arrival.body,
        duration: safety ? 0 : TASK_TOAST_S,
        actions: (
          <Button
            type="primary"
            size="small"
            onClick={() => {
              toasts.destroy(key);
              markRead(arrival.id);
              void navigate(arrival.link);
            }}
          >
            View
          </Button>
        ),
      });
    };
    fetchArrivedAfter(after, ARRIVALS_FETCHED).then(
      (page) => {
        // Oldest first, so the newest ends on top.
        [...page.results].reverse().filter(shouldToast).forEach(show);
      },
      () => {
        // The arrivals stay in the list and the count; a failed fetch only loses their pop-up.
      },
    );
  }, [newestId, queryClient, toasts, navigate, markRead]);

  return null;
}

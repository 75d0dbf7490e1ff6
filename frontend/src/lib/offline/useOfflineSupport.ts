import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { permitKeys, tasksQueryKey } from '@/lib/api/keys';
import { useMe } from '@/lib/session';
import { claimDeviceData } from './deviceData';
import { readAheadNamedPermits } from './prefetch';
import { sendPendingRecords, type SendReport } from './send';

const SEND_EVERY_MS = 30_000;
const READ_AHEAD_EVERY_MS = 15 * 60_000;
let lastReadAhead = 0;

/**
 * The signed-in shell's offline duties: the device's kept data belongs to this user; pending field
 * records are sent at start, when signal returns and on a timer; while online, the permits the user
 * is named on are read ahead for use without signal.
 */
export function useOfflineSupport(): void {
  const me = useMe();
  const queryClient = useQueryClient();

  useEffect(() => {
    let stopped = false;
    const refreshAfter = (report: SendReport) => {
      if (report.sent.length + report.refused.length === 0) return;
      void queryClient.invalidateQueries({ queryKey: permitKeys.all });
      void queryClient.invalidateQueries({ queryKey: tasksQueryKey });
    };
    const send = (force: boolean) => {
      if (stopped || !navigator.onLine) return;
      sendPendingRecords(me.id, { force }).then(refreshAfter, () => undefined);
    };
    const onOnline = () => {
      send(true);
    };
    void claimDeviceData(me.id).finally(() => {
      send(true);
    });
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => {
      send(false);
    }, SEND_EVERY_MS);
    return () => {
      stopped = true;
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [me.id, queryClient]);

  const userId = me.id;
  const projects = me.memberships.map((membership) => membership.project.id).join(',');
  useEffect(() => {
    // Reading ahead only helps where a service worker keeps the answers.
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    const controller = new AbortController();
    const readAhead = (force: boolean) => {
      if (!navigator.onLine || navigator.serviceWorker.controller === null) return;
      // The user is read again now and then; the permits are read ahead at most every 15 min, or when signal returns.
      if (!force && Date.now() - lastReadAhead < READ_AHEAD_EVERY_MS) return;
      lastReadAhead = Date.now();
      void readAheadNamedPermits(userId, projects.split(',').map(Number), controller.signal);
    };
    const onOnline = () => {
      readAhead(true);
    };
    const first = window.setTimeout(() => {
      readAhead(false);
    }, 2_000);
    const timer = window.setInterval(() => {
      readAhead(false);
    }, READ_AHEAD_EVERY_MS);
    window.addEventListener('online', onOnline);
    return () => {
      controller.abort();
      window.clearTimeout(first);
      window.clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [userId, projects]);
}

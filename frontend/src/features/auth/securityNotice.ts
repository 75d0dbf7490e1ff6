import { formatDateTime } from '@/lib/time/format';
import type { Me } from '@/lib/session';

export type SecurityNotice = NonNullable<Me['security_notice']>;

function attempts(count: number): string {
  return count === 1 ? '1 failed sign-in attempt' : `${String(count)} failed sign-in attempts`;
}

function minutes(milliseconds: number): string {
  const count = Math.max(1, Math.round(milliseconds / 60_000));
  return count === 1 ? '1 minute' : `${String(count)} minutes`;
}

/**
 * "3 failed sign-in attempts since your last sign-in on 2 Dec 2026, 14:30; your account was locked
 * on 2 Dec 2026, 15:10 for 15 minutes." — what happened to the account while its owner was away.
 */
export function securityNoticeText(notice: SecurityNotice, timeZone: string): string {
  const since = notice.since === null ? 'before this sign-in' : `since your last sign-in on ${formatDateTime(notice.since, timeZone)}`;
  const parts = [`${attempts(notice.failed_attempts)} ${since}`];
  if (notice.locked_at !== null && notice.locked_until !== null) {
    const span = minutes(new Date(notice.locked_until).getTime() - new Date(notice.locked_at).getTime());
    parts.push(`your account was locked on ${formatDateTime(notice.locked_at, timeZone)} for ${span}`);
  }
  return `${parts.join('; ')}. If that was not you, tell your administrator.`;
}

import { describe, expect, it } from 'vitest';
import { securityNoticeText } from './securityNotice';

describe('securityNoticeText', () => {
  it('names the failures, the last sign-in and the lock in plain words', () => {
    const text = securityNoticeText(
      {
        failed_attempts: 3,
        since: '2026-12-02T14:30:00Z',
        locked_at: '2026-12-02T15:10:00Z',
        locked_until: '2026-12-02T15:25:00Z',
      },
      'UTC',
    );
    expect(text).toBe(
      '3 failed sign-in attempts since your last sign-in on 2 Dec 2026, 14:30; ' +
        'your account was locked on 2 Dec 2026, 15:10 for 15 minutes. If that was not you, tell your administrator.',
    );
  });

  it('speaks of one attempt, and of none before a first sign-in', () => {
    const text = securityNoticeText({ failed_attempts: 1, since: null, locked_at: null, locked_until: null }, 'UTC');
    expect(text).toBe('1 failed sign-in attempt before this sign-in. If that was not you, tell your administrator.');
  });

  it('shows times in the given time zone', () => {
    const text = securityNoticeText(
      { failed_attempts: 2, since: '2026-12-02T14:30:00Z', locked_at: null, locked_until: null },
      'Asia/Dubai',
    );
    expect(text).toContain('since your last sign-in on 2 Dec 2026, 18:30.');
  });
});

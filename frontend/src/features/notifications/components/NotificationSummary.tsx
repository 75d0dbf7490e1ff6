import { Flex, Tag, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useMe } from '@/lib/session';
import { formatDateTime } from '@/lib/time/format';
import { useMarkRead } from '../api/notifications';
import type { Notification } from '../api/types';
import { categoryInfo, WITHDRAWN_TEXT } from '../categories';

/** How to render instants of each of the caller's projects: in that project's time zone. */
export function useTimeZoneOf(): (projectId: number) => string {
  const { memberships } = useMe();
  return (projectId) =>
    memberships.find((membership) => membership.project.id === projectId)?.project.time_zone ?? 'UTC';
}

export function isUnread(notification: Notification): boolean {
  return notification.read_at === null;
}

export function isWithdrawn(notification: Notification): boolean {
  return notification.withdrawn_at !== null;
}

/** Withdrawn notifications are greyed: someone else has done what they asked. */
export function notificationStyle(notification: Notification): CSSProperties {
  return isWithdrawn(notification) ? { opacity: 0.6 } : {};
}

interface NotificationLinkProps {
  notification: Notification;
  /** Called after the link is followed, e.g. to close the panel it is in. */
  onOpen?: () => void;
  /** A full 44 px tap target (on a phone). */
  tapTarget?: boolean;
}

/** The notification's title, leading to what it is about; following it marks it read. Unread ones are bold. */
export function NotificationLink({ notification, onOpen, tapTarget = false }: NotificationLinkProps) {
  const markRead = useMarkRead();
  return (
    <Link
      to={notification.link}
      onClick={() => {
        if (isUnread(notification)) markRead.mutate(notification.id);
        onOpen?.();
      }}
      style={{
        ...(tapTarget ? TAP_TARGET_STYLE : {}),
        fontWeight: isUnread(notification) ? 600 : 400,
        overflowWrap: 'anywhere',
      }}
    >
      {notification.title}
    </Link>
  );
}

/** Its category, and whether it is unread or was done by someone else. */
export function NotificationTags({ notification }: { notification: Notification }) {
  const category = categoryInfo(notification.category);
  return (
    <Flex wrap gap={4}>
      <Tag color={category.color}>{category.label}</Tag>
      {isUnread(notification) && <Tag color="processing">Unread</Tag>}
      {isWithdrawn(notification) && <Tag>{WITHDRAWN_TEXT}</Tag>}
    </Flex>
  );
}

/** "PTW-2026-000012 Hot tap on header", or nothing for a notification about no permit. */
export function PermitLine({ notification }: { notification: Notification }) {
  const { permit } = notification;
  if (permit === null) return null;
  return (
    <div style={{ overflowWrap: 'anywhere' }}>
      <Typography.Text strong>{permit.permit_number}</Typography.Text> {permit.title}
    </div>
  );
}

/** When it arrived, in its project's time zone. */
export function ReceivedAt({ notification }: { notification: Notification }) {
  const timeZoneOf = useTimeZoneOf();
  return (
    <time dateTime={notification.created_at}>
      {formatDateTime(notification.created_at, timeZoneOf(notification.project.id))}
    </time>
  );
}

/** A notification in a few lines: title link, tags, body, permit, project and time. */
export function NotificationSummary({ notification, onOpen, tapTarget }: NotificationLinkProps) {
  return (
    <Flex vertical gap={4} style={notificationStyle(notification)} data-unread={isUnread(notification)}>
      <NotificationLink notification={notification} onOpen={onOpen} tapTarget={tapTarget} />
      <NotificationTags notification={notification} />
      {notification.body !== '' && <div style={{ overflowWrap: 'anywhere' }}>{notification.body}</div>}
      <PermitLine notification={notification} />
      <Typography.Text type="secondary">
        {notification.project.name} · <ReceivedAt notification={notification} />
      </Typography.Text>
    </Flex>
  );
}

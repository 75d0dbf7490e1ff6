import { Button, Divider, Flex, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { projectPath, useCurrentProject } from '@/lib/session';
import { useMarkAllRead, useNotifications, useUnreadSummary } from '../api/notifications';
import { NotificationSummary } from './NotificationSummary';

/** How many of the newest notifications the bell shows. */
export const NEWEST_SHOWN = 5;

export const NOTIFICATIONS_PATH = '/notifications';
export const PREFERENCES_PATH = '/notifications/preferences';

/** The newest few notifications under the bell, with "Mark all read" and the way to all of them. */
export function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { project } = useCurrentProject();
  const { data: unread } = useUnreadSummary();
  const newest = useNotifications({ unread: false, page: 1, pageSize: NEWEST_SHOWN });
  const markAllRead = useMarkAllRead();
  const unreadCount = unread?.count ?? 0;

  return (
    <Flex vertical style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex align="center" justify="space-between" gap="small">
        <Typography.Text strong>Notifications</Typography.Text>
        <Button
          type="link"
          disabled={unreadCount === 0}
          loading={markAllRead.isPending}
          onClick={() => {
            markAllRead.mutate();
          }}
        >
          Mark all read
        </Button>
      </Flex>
      {newest.error !== null && <ErrorAlert error={newest.error} />}
      {markAllRead.error !== null && <ErrorAlert error={markAllRead.error} />}
      <List
        aria-label="Newest notifications"
        loading={newest.isPending && newest.fetchStatus !== 'idle'}
        dataSource={newest.data?.results ?? []}
        locale={{ emptyText: 'No notifications yet.' }}
        rowKey="id"
        style={{ maxHeight: 420, overflowY: 'auto' }}
        renderItem={(notification) => (
          <List.Item>
            <NotificationSummary notification={notification} onOpen={onClose} />
          </List.Item>
        )}
      />
      <Divider style={{ marginBlock: 8 }} />
      <Flex justify="space-between">
        <Link to={projectPath(NOTIFICATIONS_PATH, project.id)} onClick={onClose}>
          See all
        </Link>
        <Link to={projectPath(PREFERENCES_PATH, project.id)} onClick={onClose}>
          Preferences
        </Link>
      </Flex>
    </Flex>
  );
}

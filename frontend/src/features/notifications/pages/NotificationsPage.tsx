import { SettingOutlined } from '@ant-design/icons';
import { Button, Flex, Radio, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ListCard, ResponsiveTable } from '@/components/ResponsiveTable';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { projectPath, useCurrentProject } from '@/lib/session';
import { useUrlPagination } from '@/lib/useUrlPagination';
import { useMarkAllRead, useNotifications, useUnreadSummary } from '../api/notifications';
import type { Notification } from '../api/types';
import { PREFERENCES_PATH } from '../components/NotificationPanel';
import {
  NotificationLink,
  NotificationTags,
  notificationStyle,
  PermitLine,
  ReceivedAt,
} from '../components/NotificationSummary';

/** The address parameter of the filter: `?show=unread`, else all. */
const SHOW_PARAM = 'show';
const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'unread', label: 'Unread' },
] as const;

function useShowUnread(): [boolean, (unread: boolean) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const unread = searchParams.get(SHOW_PARAM) === 'unread';
  const setUnread = (next: boolean) => {
    const params = new URLSearchParams(searchParams);
    if (next) params.set(SHOW_PARAM, 'unread');
    else params.delete(SHOW_PARAM);
    params.delete('page');
    setSearchParams(params);
  };
  return [unread, setUnread];
}

/** Everything the caller was told, newest first, in all their projects: read, unread and withdrawn. */
export function NotificationsPage() {
  const { project } = useCurrentProject();
  const [unreadOnly, setUnreadOnly] = useShowUnread();
  const { page, pageSize, onChange, pagination } = useUrlPagination();
  const { data, error, isFetching } = useNotifications({ unread: unreadOnly, page, pageSize });
  const { data: unread } = useUnreadSummary();
  const markAllRead = useMarkAllRead();

  const columns: TableColumnsType<Notification> = [
    {
      title: 'Notification',
      key: 'title',
      render: (_, notification) => (
        <Flex vertical gap={4} style={notificationStyle(notification)}>
          <NotificationLink notification={notification} />
          {notification.body !== '' && <div>{notification.body}</div>}
          <NotificationTags notification={notification} />
        </Flex>
      ),
    },
    {
      title: 'Permit',
      key: 'permit',
      render: (_, notification) => (
        <div style={notificationStyle(notification)}>
          <PermitLine notification={notification} />
        </div>
      ),
    },
    {
      title: 'Project',
      key: 'project',
      render: (_, notification) => <div style={notificationStyle(notification)}>{notification.project.name}</div>,
    },
    {
      title: 'Received',
      key: 'created_at',
      render: (_, notification) => (
        <div style={notificationStyle(notification)}>
          <ReceivedAt notification={notification} />
        </div>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex wrap align="center" justify="space-between" gap="small">
        <Radio.Group
          aria-label="Show"
          optionType="button"
          options={[...FILTERS]}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(event) => {
            setUnreadOnly(event.target.value === 'unread');
          }}
        />
        <Flex wrap align="center" gap="small">
          <Button
            disabled={(unread?.count ?? 0) === 0}
            loading={markAllRead.isPending}
            onClick={() => {
              markAllRead.mutate();
            }}
            style={{ minHeight: 44 }}
          >
            Mark all read
          </Button>
          <Link to={projectPath(PREFERENCES_PATH, project.id)} style={TAP_TARGET_STYLE}>
            <SettingOutlined aria-hidden /> Preferences
          </Link>
        </Flex>
      </Flex>
      {error !== null && <ErrorAlert error={error} />}
      {markAllRead.error !== null && <ErrorAlert error={markAllRead.error} />}
      <ResponsiveTable<Notification>
        aria-label="Notifications"
        renderCard={(notification) => (
          <div style={notificationStyle(notification)}>
            <ListCard
              heading={<NotificationLink notification={notification} tapTarget />}
              title={notification.body === '' ? undefined : notification.body}
              tags={<NotificationTags notification={notification} />}
            >
              <PermitLine notification={notification} />
              <div>{notification.project.name}</div>
              <ReceivedAt notification={notification} />
            </ListCard>
          </div>
        )}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.results}
        loading={isFetching && data === undefined}
        locale={{ emptyText: unreadOnly ? 'Nothing unread.' : 'No notifications yet.' }}
        pagination={pagination(data?.count ?? 0, (total) => `${String(total)} notifications`)}
        onChange={onChange}
      />
    </Flex>
  );
}

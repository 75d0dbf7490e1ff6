import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { projectPath, useCurrentProject } from '@/lib/session';
import { useUnreadSummary } from '../api/notifications';
import { NOTIFICATIONS_PATH, NotificationPanel } from './NotificationPanel';

/** Counts above this show as "99+". */
const OVERFLOW = 99;

/** The bell's accessible name: "Notifications, 3 unread" (just "Notifications" until the count is known). */
export function bellLabel(count: number | undefined): string {
  if (count === undefined) return 'Notifications';
  if (count === 0) return 'Notifications, none unread';
  return `Notifications, ${count > OVERFLOW ? `${String(OVERFLOW)}+` : String(count)} unread`;
}

/**
 * The bell in the header of every page, with the unread count. On a desktop or tablet it opens the newest
 * few below it; on a phone it leads to the notifications page (a 44 px tap target).
 */
export function NotificationBell() {
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { project } = useCurrentProject();
  // The panel is open at one address: any navigation closes it.
  const location = useLocation();
  const [openAt, setOpenAt] = useState<string | null>(null);
  const { data } = useUnreadSummary();
  const count = data?.count;
  const open = !phone && openAt === location.key;

  const bell = (
    <Button
      type="text"
      aria-label={bellLabel(count)}
      aria-haspopup={phone ? undefined : 'dialog'}
      aria-expanded={phone ? undefined : open}
      onClick={
        phone
          ? () => {
              void navigate(projectPath(NOTIFICATIONS_PATH, project.id));
            }
          : undefined
      }
      style={{ color: '#fff', minWidth: 44, minHeight: 44 }}
      icon={
        <Badge count={count ?? 0} overflowCount={OVERFLOW} size="small" offset={[4, -2]}>
          <BellOutlined aria-hidden style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      }
    />
  );
  if (phone) return bell;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpenAt(next ? location.key : null);
      }}
      content={
        <div role="dialog" aria-label="Notifications">
          <NotificationPanel
            onClose={() => {
              setOpenAt(null);
            }}
          />
        </div>
      }
      destroyOnHidden
    >
      {bell}
    </Popover>
  );
}

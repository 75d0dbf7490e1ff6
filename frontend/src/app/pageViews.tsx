import {
  ApiOutlined,
  BarChartOutlined,
  BellOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  LockOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { TaskCountBadge } from '@/features/tasks/TaskCountBadge';
import type { PageKey } from './pages';

interface PageView {
  component: LazyExoticComponent<ComponentType>;
  icon: ReactNode;
  /** Shown beside the page's sidebar entry, e.g. a count of what waits there. */
  badge?: ReactNode;
}

/** What renders each registered page; typed by PageKey so no page lacks a view. */
export const pageViews: Record<PageKey, PageView> = {
  permits: {
    component: lazy(() =>
      import('@/features/permits/list/PermitsPage').then((module) => ({ default: module.PermitsPage })),
    ),
    icon: <FileProtectOutlined aria-hidden />,
  },
  permitNew: {
    component: lazy(() =>
      import('@/features/permits/form/PermitFormPages').then((module) => ({ default: module.PermitCreatePage })),
    ),
    icon: <FileProtectOutlined aria-hidden />,
  },
  permitDetail: {
    component: lazy(() =>
      import('@/features/permits/detail/PermitDetailPage').then((module) => ({ default: module.PermitDetailPage })),
    ),
    icon: <FileProtectOutlined aria-hidden />,
  },
  permitEdit: {
    component: lazy(() =>
      import('@/features/permits/form/PermitFormPages').then((module) => ({ default: module.PermitEditPage })),
    ),
    icon: <FileProtectOutlined aria-hidden />,
  },
  crewSignOn: {
    component: lazy(() =>
      import('@/features/permits/signon/CrewSignOnPage').then((module) => ({ default: module.CrewSignOnPage })),
    ),
    icon: <FileProtectOutlined aria-hidden />,
  },
  competency: {
    component: lazy(() =>
      import('@/features/competency/CompetencyPage').then((module) => ({ default: module.CompetencyPage })),
    ),
    icon: <SafetyCertificateOutlined aria-hidden />,
  },
  board: {
    component: lazy(() => import('@/features/board/BoardPage').then((module) => ({ default: module.BoardPage }))),
    icon: <ScheduleOutlined aria-hidden />,
  },
  tasks: {
    component: lazy(() => import('@/features/tasks/TasksPage').then((module) => ({ default: module.TasksPage }))),
    icon: <CheckSquareOutlined aria-hidden />,
    badge: <TaskCountBadge />,
  },
  notifications: {
    component: lazy(() =>
      import('@/features/notifications/pages/NotificationsPage').then((module) => ({ default: module.NotificationsPage })),
    ),
    icon: <BellOutlined aria-hidden />,
  },
  notificationPreferences: {
    component: lazy(() =>
      import('@/features/notifications/pages/NotificationPreferencesPage').then((module) => ({
        default: module.NotificationPreferencesPage,
      })),
    ),
    icon: <BellOutlined aria-hidden />,
  },
  qrLink: {
    component: lazy(() => import('@/features/qr/QrLinkPage').then((module) => ({ default: module.QrLinkPage }))),
    icon: <FileProtectOutlined aria-hidden />,
  },
  reports: {
    component: lazy(() => import('@/features/reports/ReportsPage').then((module) => ({ default: module.ReportsPage }))),
    icon: <BarChartOutlined aria-hidden />,
  },
  isolations: {
    component: lazy(() =>
      import('@/features/isolations/IsolationRegisterPage').then((module) => ({ default: module.IsolationRegisterPage })),
    ),
    icon: <LockOutlined aria-hidden />,
  },
  system: {
    component: lazy(() => import('./pages/SystemStatusPage').then((module) => ({ default: module.SystemStatusPage }))),
    icon: <DashboardOutlined aria-hidden />,
  },
  adminMembers: {
    component: lazy(() =>
      import('@/features/admin/members/MembersPage').then((module) => ({ default: module.MembersPage })),
    ),
    icon: <TeamOutlined aria-hidden />,
  },
  adminPolicy: {
    component: lazy(() => import('@/features/admin/policy/PolicyPage').then((module) => ({ default: module.PolicyPage }))),
    icon: <SafetyCertificateOutlined aria-hidden />,
  },
  adminSettings: {
    component: lazy(() =>
      import('@/features/admin/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })),
    ),
    icon: <SettingOutlined aria-hidden />,
  },
  permitTypes: {
    component: lazy(() =>
      import('@/features/admin/permit-types/PermitTypesPage').then((module) => ({ default: module.PermitTypesPage })),
    ),
    icon: <ProfileOutlined aria-hidden />,
  },
  permitTypeEdit: {
    component: lazy(() =>
      import('@/features/admin/permit-types/PermitTypeEditorPage').then((module) => ({
        default: module.PermitTypeEditorPage,
      })),
    ),
    icon: <ProfileOutlined aria-hidden />,
  },
  isolationLibrary: {
    component: lazy(() =>
      import('@/features/admin/isolation-library/IsolationLibraryPage').then((module) => ({
        default: module.IsolationLibraryPage,
      })),
    ),
    icon: <SafetyOutlined aria-hidden />,
  },
  webhooks: {
    component: lazy(() => import('@/features/webhooks/WebhooksPage').then((module) => ({ default: module.WebhooksPage }))),
    icon: <ApiOutlined aria-hidden />,
  },
  webhookDeliveries: {
    component: lazy(() =>
      import('@/features/webhooks/WebhookDeliveriesPage').then((module) => ({ default: module.WebhookDeliveriesPage })),
    ),
    icon: <ApiOutlined aria-hidden />,
  },
};

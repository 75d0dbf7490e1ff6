import { DashboardOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { PageKey } from './pages';

interface PageView {
  component: LazyExoticComponent<ComponentType>;
  icon: ReactNode;
}

/** What renders each registered page; typed by PageKey so no page lacks a view. */
export const pageViews: Record<PageKey, PageView> = {
  system: {
    component: lazy(() => import('./pages/SystemStatusPage').then((module) => ({ default: module.SystemStatusPage }))),
    icon: <DashboardOutlined aria-hidden />,
  },
};

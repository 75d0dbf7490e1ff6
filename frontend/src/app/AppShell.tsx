import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App, Button, Flex, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ProjectSwitcher } from '@/features/auth/components/ProjectSwitcher';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { projectPath, useCurrentProject } from '@/lib/session/currentProject';
import { NewVersionBanner } from '@/features/ops/components/NewVersionBanner';
import { FieldRecordCount } from '@/components/FieldRecordCount';
import { OfflineBanner } from '@/components/OfflineBanner';
import { useOfflineSupport } from '@/lib/offline/useOfflineSupport';
import { homePath, navPages, sections } from './pages';
import { pageViews } from './pageViews';

const NAVIGATION_ID = 'ptw-navigation';

type MenuItem = Required<MenuProps>['items'][number];

const navPaths = navPages.map((page) => page.path);

/** Sidebar items, one group per section that has a page, each link keeping the current project. */
function menuItems(projectId: number, collapsed: boolean): MenuItem[] {
  const groups = sections.flatMap((section) => {
    const sectionPages = navPages.filter((page) => page.section === section);
    if (sectionPages.length === 0) return [];
    const items = sectionPages.map((page) => {
      const view = pageViews[page.key];
      return {
        key: page.path,
        icon: view.icon,
        label: (
          <Link to={projectPath(page.path, projectId)}>
            {page.title}
            {view.badge}
          </Link>
        ),
      };
    });
    return [{ section, items }];
  });
  // A collapsed sider has no room for section labels: it shows the page icons alone.
  if (collapsed) return groups.flatMap(({ items }) => items);
  return groups.map(({ section, items }) => ({ type: 'group', key: section, label: section, children: items }));
}

function selectedPaths(pathname: string): string[] {
  return navPaths.filter((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/** The frame around every page: product header with project and user, section navigation, new-version banner. */
export function AppShell() {
  const [collapsed, setCollapsed] = useState(false);
  const { pathname } = useLocation();
  const { project } = useCurrentProject();
  useOfflineSupport();

  return (
    <App component={false}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, color: '#fff' }}>
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            aria-label={collapsed ? 'Expand navigation' : 'Collapse navigation'}
            aria-expanded={!collapsed}
            aria-controls={NAVIGATION_ID}
            onClick={() => {
              setCollapsed(!collapsed);
            }}
            style={{ color: '#fff' }}
          />
          <Link to={projectPath(homePath, project.id)} style={{ color: '#fff', fontSize: 20, fontWeight: 600 }}>
            PTW
          </Link>
          <Flex align="center" gap="middle" style={{ marginInlineStart: 'auto', minWidth: 0 }}>
            <FieldRecordCount />
            <ProjectSwitcher projectPaths={navPaths} homePath={homePath} />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <NewVersionBanner />
        <OfflineBanner />
        <Layout>
          <Layout.Sider
            id={NAVIGATION_ID}
            width={220}
            collapsedWidth={64}
            breakpoint="lg"
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            trigger={null}
          >
            <nav aria-label="Main navigation">
              <Menu
                theme="dark"
                mode="inline"
                selectedKeys={selectedPaths(pathname)}
                items={menuItems(project.id, collapsed)}
              />
            </nav>
          </Layout.Sider>
          <Layout.Content style={{ padding: 24, minWidth: 0 }}>
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </App>
  );
}

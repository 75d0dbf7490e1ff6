import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { ProjectSwitcher } from '@/features/auth/components/ProjectSwitcher';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { useIsProjectAdmin } from '@/features/webhooks/access';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { isReadOnlyRole, useMe } from '@/lib/session';
import { projectPath, useCurrentProject } from '@/lib/session/currentProject';
import { NewVersionBanner } from '@/features/ops/components/NewVersionBanner';
import { FieldRecordCount } from '@/components/FieldRecordCount';
import { NotificationBell } from '@/features/notifications/components/NotificationBell';
import { NotificationToasts } from '@/features/notifications/components/NotificationToasts';
import { OfflineBanner } from '@/components/OfflineBanner';
import { useOfflineSupport } from '@/lib/offline/useOfflineSupport';
import { audienceOf, homePath, navPages, sections, type Audience } from './pages';
import { pageViews } from './pageViews';

const NAVIGATION_ID = 'ptw-navigation';

type MenuItem = Required<MenuProps>['items'][number];
type NavPage = (typeof navPages)[number];

const navPaths = navPages.map((page) => page.path);

/**
 * Which navigation audiences the caller belongs to in the current project. Staff pages are hidden from
 * contractors and viewers; project-admin pages from all but project and tenant admins (as the server allows).
 */
function useAudience(): (audience: Audience) => boolean {
  const me = useMe();
  const { project, role } = useCurrentProject();
  const projectAdmin = useIsProjectAdmin(project.id);
  const staff = projectAdmin || (!isReadOnlyRole(role) && me.company?.side !== 'contractor');
  return (audience) => audience === 'everyone' || (audience === 'staff' ? staff : projectAdmin);
}

/**
 * Navigation items, one group per section that has a page for the caller, each link keeping the current
 * project. A section whose only page bears its own name shows that page without a repeated heading.
 */
function menuItems(pagesShown: readonly NavPage[], projectId: number, collapsed: boolean): MenuItem[] {
  const groups = sections.flatMap((section) => {
    const sectionPages = pagesShown.filter((page) => page.section === section);
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
    return [{ section, items, named: sectionPages.length === 1 && sectionPages[0]?.title === section }];
  });
  // A collapsed sider has no room for section labels: it shows the page icons alone.
  if (collapsed) return groups.flatMap(({ items }) => items);
  return groups.flatMap(({ section, items, named }): MenuItem[] =>
    named ? items : [{ type: 'group', key: section, label: section, children: items }],
  );
}

function selectedPaths(pathname: string): string[] {
  return navPaths.filter((path) => pathname === path || pathname.startsWith(`${path}/`));
}

/**
 * The frame around every page: product header with project, notification bell and user, section navigation,
 * new-version banner, and the pop-ups of notifications arriving while the app is open.
 * Tablets and desktops get a collapsible sidebar; phones a menu button opening the navigation in a drawer.
 */
export function AppShell() {
  const [collapsed, setCollapsed] = useState(false);
  // The drawer is open at one address: any navigation closes it.
  const [drawerOpenAt, setDrawerOpenAt] = useState<string | null>(null);
  const location = useLocation();
  const { project } = useCurrentProject();
  useOfflineSupport();
  const sees = useAudience();
  const phone = useIsPhone();
  const pagesShown = navPages.filter((page) => sees(audienceOf(page)));
  const drawerOpen = phone && drawerOpenAt === location.key;

  const navigation = (inDrawer: boolean) => (
    <nav aria-label="Main navigation">
      <Menu
        theme={inDrawer ? 'light' : 'dark'}
        mode="inline"
        selectedKeys={selectedPaths(location.pathname)}
        items={menuItems(pagesShown, project.id, !inDrawer && collapsed)}
        onClick={() => {
          setDrawerOpenAt(null);
        }}
      />
    </nav>
  );
  const switcher = <ProjectSwitcher projectPaths={navPaths} homePath={homePath} />;

  return (
    <App component={false}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 8 : 16,
            paddingInline: phone ? 8 : 16,
            color: '#fff',
          }}
        >
          {phone ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="Open navigation"
              aria-expanded={drawerOpen}
              aria-controls={NAVIGATION_ID}
              onClick={() => {
                setDrawerOpenAt(location.key);
              }}
              style={{ color: '#fff', minWidth: 44, minHeight: 44 }}
            />
          ) : (
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
          )}
          <Link
            to={projectPath(homePath, project.id)}
            style={{ color: '#fff', fontSize: 20, fontWeight: 600, lineHeight: '44px', paddingInline: 4 }}
          >
            PTW
          </Link>
          <Flex align="center" gap="middle" style={{ marginInlineStart: 'auto', minWidth: 0 }}>
            <FieldRecordCount />
            {!phone && switcher}
            <NotificationBell />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <NotificationToasts />
        <NewVersionBanner />
        <OfflineBanner />
        <Layout>
          {phone ? (
            <Drawer
              id={NAVIGATION_ID}
              title="PTW"
              placement="left"
              width={300}
              open={drawerOpen}
              onClose={() => {
                setDrawerOpenAt(null);
              }}
              styles={{ body: { padding: 0 } }}
            >
              <div style={{ padding: 16 }}>{switcher}</div>
              {navigation(true)}
            </Drawer>
          ) : (
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
              {navigation(false)}
            </Layout.Sider>
          )}
          <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
            <Outlet />
          </Layout.Content>
        </Layout>
      </Layout>
    </App>
  );
}

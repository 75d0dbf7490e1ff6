import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { NewVersionBanner } from '../features/ops/components/NewVersionBanner';
import { pages, sections, type Section } from './pages';
import { pageViews } from './pageViews';

const NAVIGATION_ID = 'ptw-navigation';

type MenuItem = Required<MenuProps>['items'][number];

interface MenuGroup {
  section: Section;
  items: MenuItem[];
}

/** One group per section that has at least one built page, in the product's section order. */
const menuGroups: MenuGroup[] = sections.flatMap((section) => {
  const sectionPages = pages.filter((page) => page.section === section);
  if (sectionPages.length === 0) return [];
  const items = sectionPages.map((page) => ({
    key: page.path,
    icon: pageViews[page.key].icon,
    label: <Link to={page.path}>{page.title}</Link>,
  }));
  return [{ section, items }];
});

// A collapsed sider has no room for section labels: it shows the page icons alone.
const expandedItems: MenuItem[] = menuGroups.map(({ section, items }) => ({
  type: 'group',
  key: section,
  label: section,
  children: items,
}));
const collapsedItems: MenuItem[] = menuGroups.flatMap(({ items }) => items);

function selectedPaths(pathname: string): string[] {
  return pages
    .filter((page) => pathname === page.path || pathname.startsWith(`${page.path}/`))
    .map((page) => page.path);
}

/** The frame around every page: product header, section navigation, new-version banner. */
export function AppShell() {
  const [collapsed, setCollapsed] = useState(false);
  const { pathname } = useLocation();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16 }}>
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
        <Link to="/" style={{ color: '#fff', fontSize: 20, fontWeight: 600 }}>
          PTW
        </Link>
      </Layout.Header>
      <NewVersionBanner />
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
              items={collapsed ? collapsedItems : expandedItems}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

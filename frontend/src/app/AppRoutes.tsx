import { Flex, Skeleton, Spin, Typography } from 'antd';
import { lazy } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { DocumentTitle } from '@/components/DocumentTitle';
import { OnDemand } from '@/components/OnDemand';
import { LOGIN_PATH } from '@/features/auth/session';
import { AppShell } from './AppShell';
import { homePath, pages, type PageDefinition, type PageKey } from './pages';
import { pageViews } from './pageViews';
import { SessionGate } from './SessionGate';

// Loaded when shown: a QR code opening a permit on a phone fetches neither the log-in form nor the 404 page.
const LoginPage = lazy(() =>
  import('@/features/auth/components/LoginPage').then((module) => ({ default: module.LoginPage })),
);
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((module) => ({ default: module.NotFoundPage })));

function RegisteredPage({ page }: { page: PageDefinition & { key: PageKey } }) {
  const Component = pageViews[page.key].component;
  return (
    <>
      <DocumentTitle title={page.title} />
      {page.ownHeading !== true && <Typography.Title level={1}>{page.title}</Typography.Title>}
      {/* Keyed by page: a page that failed to load does not stay failed on the next one. */}
      <OnDemand key={page.key} fallback={<Skeleton active />}>
        <Component />
      </OnDemand>
    </>
  );
}

/** The start page, keeping the chosen project. */
function HomeRedirect() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: homePath, search }} replace />;
}

/** Log-in outside the shell; every registered page inside it, for a signed-in user; anything else is a 404. */
export function AppRoutes() {
  return (
    <Routes>
      <Route
        path={LOGIN_PATH}
        element={
          <OnDemand
            fallback={
              <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
                <Spin size="large" aria-label="Loading" />
              </Flex>
            }
          >
            <LoginPage homePath={homePath} />
          </OnDemand>
        }
      />
      <Route
        element={
          <SessionGate>
            <AppShell />
          </SessionGate>
        }
      >
        <Route index element={<HomeRedirect />} />
        {pages.map((page) => (
          <Route key={page.key} path={page.path} element={<RegisteredPage page={page} />} />
        ))}
        <Route
          path="*"
          element={
            <OnDemand fallback={<Skeleton active />}>
              <NotFoundPage />
            </OnDemand>
          }
        />
      </Route>
    </Routes>
  );
}

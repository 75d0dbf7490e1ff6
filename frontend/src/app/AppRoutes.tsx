import { Skeleton, Typography } from 'antd';
import { Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { DocumentTitle } from '@/components/DocumentTitle';
import { LoginPage } from '@/features/auth/components/LoginPage';
import { LOGIN_PATH } from '@/features/auth/session';
import { AppShell } from './AppShell';
import { NotFoundPage } from './pages/NotFoundPage';
import { homePath, pages, type PageDefinition, type PageKey } from './pages';
import { pageViews } from './pageViews';
import { SessionGate } from './SessionGate';

function RegisteredPage({ page }: { page: PageDefinition & { key: PageKey } }) {
  const Component = pageViews[page.key].component;
  return (
    <>
      <DocumentTitle title={page.title} />
      {page.ownHeading !== true && <Typography.Title level={1}>{page.title}</Typography.Title>}
      <Suspense fallback={<Skeleton active />}>
        <Component />
      </Suspense>
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
      <Route path={LOGIN_PATH} element={<LoginPage homePath={homePath} />} />
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

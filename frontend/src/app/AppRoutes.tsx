import { Skeleton, Typography } from 'antd';
import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { DocumentTitle } from '../components/DocumentTitle';
import { AppShell } from './AppShell';
import { NotFoundPage } from './pages/NotFoundPage';
import { homePath, pages, type PageDefinition, type PageKey } from './pages';
import { pageViews } from './pageViews';

function RegisteredPage({ page }: { page: PageDefinition & { key: PageKey } }) {
  const Component = pageViews[page.key].component;
  return (
    <>
      <DocumentTitle title={page.title} />
      <Typography.Title level={1}>{page.title}</Typography.Title>
      <Suspense fallback={<Skeleton active />}>
        <Component />
      </Suspense>
    </>
  );
}

/** Every registered page inside the shell; the start page redirects, anything else is a 404. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to={homePath} replace />} />
        {pages.map((page) => (
          <Route key={page.key} path={page.path} element={<RegisteredPage page={page} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

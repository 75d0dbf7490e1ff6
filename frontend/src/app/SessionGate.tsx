import { Button, Flex, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { LazyResult } from '@/components/LazyResult';
import { isUnauthorized, meQuery } from '@/lib/session';
import { loginPath, useUnauthorizedRedirect } from '@/features/auth/session';

/** Renders its children only for a signed-in user with a project; anyone else is sent to log in. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { data: me, error, refetch, isFetching } = useQuery(meQuery);
  const { pathname, search } = useLocation();
  useUnauthorizedRedirect();

  if (me !== undefined) {
    if (me.memberships.length > 0) return children;
    return (
      <LazyResult
        status="info"
        title="You are not a member of any project"
        subTitle="Ask a project administrator to add you to a project."
      />
    );
  }
  if (isUnauthorized(error)) return <Navigate to={loginPath(pathname + search)} replace />;
  if (error !== null) {
    return (
      <Flex vertical gap="middle" style={{ padding: 24 }}>
        <ErrorAlert error={error} />
        <Button onClick={() => void refetch()} loading={isFetching} style={{ alignSelf: 'start' }}>
          Try again
        </Button>
      </Flex>
    );
  }
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" aria-label="Loading" />
    </Flex>
  );
}

import type { UseQueryResult } from '@tanstack/react-query';
import { Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { LazyResult } from '@/components/LazyResult';
import { ApiError } from '@/lib/api/client';
import type { Permit } from '@/lib/api/models';

/** A page's permit once loaded; until then a skeleton, and "No such permit" outside the caller's projects. */
export function LoadedPermit({
  permit,
  children,
}: {
  permit: UseQueryResult<Permit>;
  children: (permit: Permit) => ReactNode;
}) {
  if (permit.data !== undefined) return children(permit.data);
  if (permit.error instanceof ApiError && permit.error.status === 404) {
    return (
      <LazyResult
        status="404"
        title="No such permit"
        subTitle="It does not exist, or it belongs to a project you are not a member of."
      />
    );
  }
  if (permit.error !== null) return <ErrorAlert error={permit.error} />;
  return <Skeleton active />;
}

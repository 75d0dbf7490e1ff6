import { Alert, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ApiError, apiRequest } from '@/lib/api/client';
import { qrKeys } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';
import { projectPath } from '@/lib/session/currentProject';

type QrLink = components['schemas']['QrLinkOut'];

/**
 * /qr/:token — where a permit's printed QR code leads. The token is opaque and revocable; the server
 * says which permit it opens (only for people who may see it), and this page moves on to that permit.
 */
export function QrLinkPage() {
  const token = useParams().token ?? '';
  const navigate = useNavigate();
  const link = useQuery({
    queryKey: qrKeys.link(token),
    queryFn: ({ signal }) => apiRequest<QrLink>(`/api/v1/ptw/qr/${encodeURIComponent(token)}/`, { signal }),
    retry: false,
  });

  useEffect(() => {
    if (link.data !== undefined)
      void navigate(projectPath(`/permits/${String(link.data.permit_id)}`, link.data.project), { replace: true });
  }, [link.data, navigate]);

  if (link.error instanceof ApiError && link.error.status === 404)
    return (
      <Alert
        type="warning"
        showIcon
        message="This QR code opens no permit for you."
        description={
          <>
            It was revoked (a newer print of the permit carries a new code), or the permit is not in your projects.{' '}
            <Link to="/permits">All permits</Link>
          </>
        }
      />
    );
  if (link.error !== null) return <ErrorAlert error={link.error} />;
  return <Skeleton active />;
}

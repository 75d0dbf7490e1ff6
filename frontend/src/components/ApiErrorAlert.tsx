import { Alert } from 'antd';
import { ApiError } from '../lib/api/client';

interface ApiErrorAlertProps {
  error: Error;
}

/** Shows a failed request the way the server explained it, with its request id for support. */
export function ApiErrorAlert({ error }: ApiErrorAlertProps) {
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      message={error.message}
      description={requestId === null ? undefined : `Request id: ${requestId}`}
    />
  );
}

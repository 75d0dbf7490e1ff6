import { Alert } from 'antd';
import { ApiError } from '@/lib/api/client';

interface ErrorAlertProps {
  error: Error;
  /** Field errors shown on their own fields elsewhere, left out here. */
  shownFields?: readonly string[];
}

/**
 * A failed request or a refused action as the server explained it: its message, what is missing,
 * field errors, and the request id for support, each line once.
 */
export function ErrorAlert({ error, shownFields = [] }: ErrorAlertProps) {
  const apiError = error instanceof ApiError ? error : null;
  const missing = apiError?.missing ?? [];
  const fieldMessages = Object.entries(apiError?.fields ?? {})
    .filter(([field]) => !shownFields.includes(field))
    .flatMap(([field, messages]) => messages.map((message) => `${field}: ${message}`));
  // Each line once: the server often names its first reason as the message too.
  const details = [...new Set([...missing.map((item) => item.message), ...fieldMessages])].filter(
    (detail) => detail !== error.message,
  );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={error.message}
      description={
        details.length === 0 && apiError?.requestId == null ? undefined : (
          <>
            {details.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
            {apiError?.requestId != null && <div>Request id: {apiError.requestId}</div>}
          </>
        )
      }
    />
  );
}

import { Alert, Button, Modal, Typography } from 'antd';
import type { WebhookEndpointWithSecret } from './api';
import { Instant } from './EndpointStatus';

export interface SecretDialogProps {
  /** The endpoint just created or rotated, with its secret. */
  endpoint: WebhookEndpointWithSecret;
  timeZone: string;
  onClose: () => void;
}

/**
 * The signing secret, shown the one time the server sends it; rendered only while open, so the
 * secret leaves the page with the dialog. After a rotation the previous secret keeps signing beside
 * it for a while, so receivers can switch over without losing a delivery.
 */
export function SecretDialog({ endpoint, timeZone, onClose }: SecretDialogProps) {
  return (
    <Modal
      open
      title="Signing secret"
      maskClosable={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <Typography.Paragraph>
        For <Typography.Text strong>{endpoint.url}</Typography.Text>
      </Typography.Paragraph>
      {endpoint.secret === null ? (
        <Alert
          type="warning"
          showIcon
          message="PTW sent this secret in an answer that did not reach your browser, and will not show it again."
          description="Rotate the secret to get a new one."
        />
      ) : (
        <>
          <Typography.Paragraph>
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
              {endpoint.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>
            Copy it now: PTW will not show it again. Receivers verify the webhook-signature header with it
            (Standard Webhooks).
          </Typography.Paragraph>
        </>
      )}
      {endpoint.previous_secret_expires_at !== null && (
        <Typography.Paragraph>
          The previous secret keeps signing beside the new one until{' '}
          <Instant at={endpoint.previous_secret_expires_at} timeZone={timeZone} />, so receivers can switch without
          missing a delivery.
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

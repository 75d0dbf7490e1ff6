import { WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import type { WebhookDelivery, WebhookEndpoint } from './api';

/** Why the server disabled an endpoint, in words. */
const DISABLED_REASONS: Readonly<Record<WebhookEndpoint['disabled_reason'], string>> = {
  admin: 'by an admin',
  gone: 'receiver answered 410 Gone',
  failing: 'failing for 5 days',
  '': '',
};

const DELIVERY_STATES: Readonly<Record<WebhookDelivery['status'], { label: string; color: string }>> = {
  pending: { label: 'Pending', color: 'processing' },
  succeeded: { label: 'Succeeded', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
};

/** An instant in the project's time zone, machine-readable too. */
export function Instant({ at, timeZone }: { at: string; timeZone: string }) {
  return <time dateTime={at}>{formatDateTime(at, timeZone)}</time>;
}

export function DeliveryStatusTag({ status }: { status: WebhookDelivery['status'] }) {
  const state = DELIVERY_STATES[status];
  return <Tag color={state.color}>{state.label}</Tag>;
}

/**
 * Enabled or disabled, and why: an admin's choice shows plainly, the server's own (a 410 Gone, five
 * days of failures) in red. A run of failures warns before it disables the endpoint.
 */
export function EndpointState({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone: string }) {
  const reason = DISABLED_REASONS[endpoint.disabled_reason];
  return (
    <Flex vertical gap={4} align="start">
      {endpoint.enabled ? (
        <Tag color="success">Enabled</Tag>
      ) : (
        <span>
          <Tag color={endpoint.disabled_reason === 'admin' ? 'default' : 'error'}>Disabled</Tag>
          {reason !== '' && <Typography.Text type="secondary">{reason}</Typography.Text>}
        </span>
      )}
      {endpoint.failing_since !== null && (
        <Typography.Text type="warning">
          <WarningOutlined aria-hidden /> failing since <Instant at={endpoint.failing_since} timeZone={timeZone} />
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The outcome of the endpoint's latest attempted delivery: status, the receiver's HTTP code, and when. */
export function LastDelivery({ endpoint, timeZone }: { endpoint: WebhookEndpoint; timeZone: string }) {
  const last = endpoint.last_delivery;
  if (last === null) return <Typography.Text type="secondary">None yet</Typography.Text>;
  return (
    <>
      <div>
        <DeliveryStatusTag status={last.status} />
        {last.response_code !== null && `HTTP ${String(last.response_code)}`}
      </div>
      <Typography.Text type="secondary">
        <Instant at={last.at} timeZone={timeZone} />
      </Typography.Text>
    </>
  );
}

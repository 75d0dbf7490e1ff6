import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import type { WebhookAttempt, WebhookDelivery } from './api';
import { Instant } from './EndpointStatus';
import { ResponsiveTable } from '@/components/ResponsiveTable';

/** Shown of each receiver's answer in the table; the whole of what the server kept is in the cell's title. */
const RESPONSE_SHOWN = 200;

/** The body as sent, indented for reading; as sent if it is somehow not JSON. */
export function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function truncated(text: string): string {
  return text.length > RESPONSE_SHOWN ? `${text.slice(0, RESPONSE_SHOWN)}…` : text;
}

/** An attempt whose worker stopped before recording an answer may or may not have reached the receiver. */
const OUTCOMES: Record<WebhookAttempt['outcome'], { label: string; color: string }> = {
  in_flight: { label: 'In flight', color: 'processing' },
  succeeded: { label: 'Accepted', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  no_outcome: { label: 'No outcome recorded (worker stopped)', color: 'warning' },
};

const preStyle = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

function attemptColumns(timeZone: string): TableColumnsType<WebhookAttempt> {
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return [
    { title: '#', dataIndex: 'number', key: 'number' },
    { title: 'Time', key: 'at', render: (_, attempt) => <Instant at={attempt.at} timeZone={timeZone} /> },
    {
      title: 'Result',
      key: 'outcome',
      render: (_, attempt) => {
        const { label, color } = OUTCOMES[attempt.outcome];
        return <Tag color={color}>{label}</Tag>;
      },
    },
    { title: 'Status code', key: 'status_code', render: (_, attempt) => attempt.status_code ?? dash },
    { title: 'Latency (ms)', key: 'latency_ms', render: (_, attempt) => attempt.latency_ms ?? dash },
    { title: 'Error', key: 'error', render: (_, attempt) => (attempt.error === '' ? dash : attempt.error) },
    {
      title: 'Response',
      key: 'response_body',
      render: (_, attempt) =>
        attempt.response_body === '' ? (
          dash
        ) : (
          <pre style={preStyle} title={attempt.response_body}>
            {truncated(attempt.response_body)}
          </pre>
        ),
    },
  ];
}

/** One delivery opened up: the signed body as sent, and every attempt with the receiver's answer. */
export function DeliveryDetail({ delivery, timeZone }: { delivery: WebhookDelivery; timeZone: string }) {
  return (
    <Flex vertical gap="small">
      <Typography.Title level={5} style={{ margin: 0 }}>
        Body
      </Typography.Title>
      <pre style={{ ...preStyle, maxHeight: 320, overflow: 'auto' }} tabIndex={0}>
        {prettyJson(delivery.body)}
      </pre>
      <Typography.Title level={5} style={{ margin: 0 }}>
        Attempts
      </Typography.Title>
      <ResponsiveTable<WebhookAttempt>
        rowKey="number"
        size="small"
        aria-label={`Attempts of ${delivery.message_id}`}
        columns={attemptColumns(timeZone)}
        dataSource={delivery.attempt_log}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No attempt yet.' }}
      />
    </Flex>
  );
}

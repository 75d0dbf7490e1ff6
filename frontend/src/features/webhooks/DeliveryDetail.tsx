import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { WebhookAttempt, WebhookDelivery } from './api';
import { Instant } from './EndpointStatus';

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

const preStyle = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

function attemptColumns(timeZone: string): TableColumnsType<WebhookAttempt> {
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  return [
    { title: '#', dataIndex: 'number', key: 'number' },
    { title: 'Time', key: 'at', render: (_, attempt) => <Instant at={attempt.at} timeZone={timeZone} /> },
    {
      title: 'Result',
      key: 'succeeded',
      render: (_, attempt) =>
        attempt.succeeded ? <Tag color="success">Accepted</Tag> : <Tag color="error">Failed</Tag>,
    },
    { title: 'Status code', key: 'status_code', render: (_, attempt) => attempt.status_code ?? dash },
    { title: 'Latency (ms)', dataIndex: 'latency_ms', key: 'latency_ms' },
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
      <Table<WebhookAttempt>
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

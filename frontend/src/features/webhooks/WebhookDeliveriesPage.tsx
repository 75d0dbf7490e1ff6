import { ArrowLeftOutlined, RedoOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useUrlPagination } from '@/lib/useUrlPagination';
import { projectPath, useCurrentProject } from '@/lib/session';
import { useWriteIntent } from '@/lib/api/idempotency';
import { useProjectTimeZone } from '@/lib/time/projectTimeZone';
import { useIsProjectAdmin } from './access';
import { useRedeliver, useWebhookDeliveries, useWebhookEndpoint, type WebhookDelivery, type WebhookEndpoint } from './api';
import { DeliveryDetail } from './DeliveryDetail';
import { DeliveryStatusTag, EndpointState, Instant } from './EndpointStatus';
import { SuccessNotice } from '@/components/SuccessNotice';
import { ResponsiveTable } from '@/components/ResponsiveTable';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useIsPhone } from '@/lib/layout/useIsPhone';

function Deliveries({ endpoint }: { endpoint: WebhookEndpoint }) {
  const phone = useIsPhone();
  const timeZone = useProjectTimeZone(endpoint.project);
  const isAdmin = useIsProjectAdmin(endpoint.project);
  const { page, pageSize, onChange, pagination } = useUrlPagination();
  const { data, error, isFetching } = useWebhookDeliveries(endpoint.id, page, pageSize);
  const redeliver = useRedeliver(endpoint.id);
  const intent = useWriteIntent();
  const [notice, setNotice] = useState<string | null>(null);

  const onRedeliver = ({ id, message_id: messageId }: WebhookDelivery) => {
    setNotice(null);
    redeliver.mutate(
      { deliveryId: id, idempotencyKey: intent.keyFor({ id }) },
      {
        onSuccess: () => {
          setNotice(`Delivery ${messageId} queued again.`);
        },
        onSettled: (_data, failure) => {
          intent.settle(failure);
        },
      },
    );
  };

  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const columns: TableColumnsType<WebhookDelivery> = [
    {
      title: 'Event',
      key: 'event_type',
      render: (_, delivery) => (
        <>
          <div>{delivery.event_type}</div>
          <Typography.Text type="secondary">{delivery.message_id}</Typography.Text>
        </>
      ),
    },
    {
      title: 'Status',
      key: 'status',
      render: (_, delivery) => (
        <>
          <DeliveryStatusTag status={delivery.status} />
          <div>
            {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
          </div>
        </>
      ),
    },
    { title: 'Created', key: 'created_at', render: (_, delivery) => <Instant at={delivery.created_at} timeZone={timeZone} /> },
    {
      title: 'Last attempt',
      key: 'last_attempt_at',
      render: (_, delivery) =>
        delivery.last_attempt_at === null ? (
          dash
        ) : (
          <>
            {delivery.last_status_code !== null && <div>HTTP {delivery.last_status_code}</div>}
            <Instant at={delivery.last_attempt_at} timeZone={timeZone} />
          </>
        ),
    },
    {
      title: 'Next attempt',
      key: 'next_attempt_at',
      render: (_, delivery) =>
        delivery.next_attempt_at === null ? dash : <Instant at={delivery.next_attempt_at} timeZone={timeZone} />,
    },
    ...(isAdmin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            render: (_: unknown, delivery: WebhookDelivery) => (
              <Button
                size={phone ? undefined : 'small'}
                icon={<RedoOutlined aria-hidden />}
                aria-label={`Redeliver: ${delivery.message_id}`}
                loading={redeliver.isPending && redeliver.variables.deliveryId === delivery.id}
                onClick={() => {
                  onRedeliver(delivery);
                }}
              >
                Redeliver
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap="middle">
      <Flex wrap gap="middle" align="start">
        <div style={{ wordBreak: 'break-all' }}>
          <Typography.Text strong>{endpoint.url}</Typography.Text>
          {endpoint.description !== '' && <div>{endpoint.description}</div>}
        </div>
        <EndpointState endpoint={endpoint} timeZone={timeZone} />
      </Flex>
      {notice !== null && (
        <SuccessNotice
          message={notice}
          onClose={() => {
            setNotice(null);
          }}
        />
      )}
      {redeliver.error !== null && <ErrorAlert error={redeliver.error} />}
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<WebhookDelivery>
        rowKey="id"
        size="middle"
        aria-label="Deliveries"
        columns={columns}
        dataSource={data?.results}
        loading={isFetching && data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'Nothing was sent to this endpoint yet.' }}
        expandable={{
          expandedRowRender: (delivery) => <DeliveryDetail delivery={delivery} timeZone={timeZone} />,
        }}
        pagination={pagination(data?.count ?? 0, (total) => `${String(total)} ${total === 1 ? 'delivery' : 'deliveries'}`)}
        onChange={onChange}
      />
    </Flex>
  );
}

/** /webhooks/:id/deliveries — what PTW sent to one endpoint, newest first, with every attempt; project admins only. */
export function WebhookDeliveriesPage() {
  const id = Number(useParams().id);
  const endpoint = useWebhookEndpoint(id);
  const { project } = useCurrentProject();
  const phone = useIsPhone();
  return (
    <Flex vertical gap="middle">
      <Link
        to={projectPath('/webhooks', endpoint.data?.project ?? project.id)}
        style={phone ? TAP_TARGET_STYLE : undefined}
      >
        <ArrowLeftOutlined aria-hidden /> All webhooks
      </Link>
      {endpoint.data !== undefined ? (
        <Deliveries endpoint={endpoint.data} />
      ) : endpoint.error !== null ? (
        <ErrorAlert error={endpoint.error} />
      ) : (
        <Skeleton active />
      )}
    </Flex>
  );
}

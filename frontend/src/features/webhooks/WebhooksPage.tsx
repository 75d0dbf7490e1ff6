import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useCurrentProject } from '@/lib/session';
import { useWriteIntent } from '@/lib/api/idempotency';
import { useIsProjectAdmin } from './access';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useTestWebhook,
  useWebhookEndpoints,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from './api';
import { EndpointActions } from './EndpointActions';
import { EndpointDialog } from './EndpointDialog';
import { EndpointState, LastDelivery } from './EndpointStatus';
import { SecretDialog } from './SecretDialog';

/** More events than this show as the first few and a count of the rest. */
const MAX_EVENT_TAGS = 3;

type Outcome = { notice: string; error?: never } | { error: Error; notice?: never };

function EventTags({ events }: { events: readonly string[] }) {
  const shown = events.length > MAX_EVENT_TAGS ? events.slice(0, MAX_EVENT_TAGS - 1) : events;
  const rest = events.slice(shown.length);
  return (
    <Flex wrap gap={4}>
      {shown.map((event) => (
        <Tag key={event}>{event}</Tag>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.join(', ')}>
          <Tag>+{rest.length} more</Tag>
        </Tooltip>
      )}
    </Flex>
  );
}

function UrlCell({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <>
      <div style={{ wordBreak: 'break-all' }}>{endpoint.url}</div>
      {endpoint.description !== '' && <Typography.Text type="secondary">{endpoint.description}</Typography.Text>}
    </>
  );
}

/**
 * /webhooks — the current project's webhook endpoints: where PTW posts which events, whether each
 * is enabled and how its last delivery went. Project admins register, change, test and remove them.
 */
export function WebhooksPage() {
  const { project } = useCurrentProject();
  const isAdmin = useIsProjectAdmin(project.id);
  const { data, error, isFetching } = useWebhookEndpoints(project.id);
  const test = useTestWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const testIntent = useWriteIntent();
  const rotateIntent = useWriteIntent();
  /** The endpoint dialog: undefined closed, null for a new endpoint. */
  const [editing, setEditing] = useState<WebhookEndpoint | null | undefined>(undefined);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const timeZone = project.time_zone;

  const pendingOf = (endpoint: WebhookEndpoint) => {
    if (test.isPending && test.variables.id === endpoint.id) return 'test';
    if (rotate.isPending && rotate.variables.id === endpoint.id) return 'rotate';
    if (remove.isPending && remove.variables === endpoint.id) return 'delete';
    return null;
  };

  const onTest = ({ id, url }: WebhookEndpoint) => {
    setOutcome(null);
    test.mutate(
      { id, idempotencyKey: testIntent.keyFor({ id }) },
      {
        onSuccess: () => {
          setOutcome({ notice: `Test ping queued for ${url}.` });
        },
        onError: (failure) => {
          setOutcome({ error: failure });
        },
        onSettled: (_data, failure) => {
          testIntent.settle(failure);
        },
      },
    );
  };

  const onRotate = ({ id }: WebhookEndpoint) => {
    setOutcome(null);
    rotate.mutate(
      { id, idempotencyKey: rotateIntent.keyFor({ id }) },
      {
        onSuccess: setSecret,
        onError: (failure) => {
          setOutcome({ error: failure });
        },
        onSettled: (_data, failure) => {
          rotateIntent.settle(failure);
        },
      },
    );
  };

  const onDelete = ({ id, url }: WebhookEndpoint) => {
    setOutcome(null);
    remove.mutate(id, {
      onSuccess: () => {
        setOutcome({ notice: `Endpoint ${url} deleted.` });
      },
      onError: (failure) => {
        setOutcome({ error: failure });
      },
    });
  };

  const columns: TableColumnsType<WebhookEndpoint> = [
    { title: 'URL', key: 'url', render: (_, endpoint) => <UrlCell endpoint={endpoint} /> },
    { title: 'Events', key: 'events', render: (_, endpoint) => <EventTags events={endpoint.events} /> },
    { title: 'State', key: 'state', render: (_, endpoint) => <EndpointState endpoint={endpoint} timeZone={timeZone} /> },
    {
      title: 'Last delivery',
      key: 'last_delivery',
      render: (_, endpoint) => <LastDelivery endpoint={endpoint} timeZone={timeZone} />,
    },
    ...(isAdmin
      ? [
          {
            title: 'Actions',
            key: 'actions',
            render: (_: unknown, endpoint: WebhookEndpoint) => (
              <EndpointActions
                endpoint={endpoint}
                pending={pendingOf(endpoint)}
                onEdit={() => {
                  setOutcome(null);
                  setEditing(endpoint);
                }}
                onTest={() => {
                  onTest(endpoint);
                }}
                onRotate={() => {
                  onRotate(endpoint);
                }}
                onDelete={() => {
                  onDelete(endpoint);
                }}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Paragraph style={{ margin: 0 }}>
        Receivers that PTW tells about {project.name}’s permits, gas tests and isolations as they happen: each event is
        posted as signed JSON, and posted again with growing waits until the receiver accepts it.
      </Typography.Paragraph>
      {!isAdmin && (
        <Alert type="info" showIcon message="Only a project admin can change this project’s webhooks; you can see them." />
      )}
      {isAdmin && (
        <div>
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              setOutcome(null);
              setEditing(null);
            }}
          >
            New endpoint
          </Button>
        </div>
      )}
      {outcome?.notice !== undefined && (
        <Alert
          type="success"
          showIcon
          closable
          role="status"
          message={outcome.notice}
          onClose={() => {
            setOutcome(null);
          }}
        />
      )}
      {outcome?.error !== undefined && <ErrorAlert error={outcome.error} />}
      {error !== null && <ErrorAlert error={error} />}
      <Table<WebhookEndpoint>
        rowKey="id"
        size="middle"
        aria-label="Webhook endpoints"
        columns={columns}
        dataSource={data}
        loading={isFetching && data === undefined}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: 'No webhook endpoints on this project.' }}
        pagination={false}
      />
      {editing !== undefined && (
        <EndpointDialog
          projectId={project.id}
          endpoint={editing}
          onCreated={(created) => {
            setEditing(undefined);
            setSecret(created);
          }}
          onSaved={(saved) => {
            setEditing(undefined);
            setOutcome({ notice: `Endpoint ${saved.url} saved.` });
          }}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
      {secret !== null && (
        <SecretDialog
          endpoint={secret}
          timeZone={timeZone}
          onClose={() => {
            setSecret(null);
          }}
        />
      )}
    </Flex>
  );
}

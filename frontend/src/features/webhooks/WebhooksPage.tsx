import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useCurrentProject } from '@/lib/session';
import { useIsProjectAdmin } from './access';
import { useWebhookEndpoints, type WebhookEndpoint } from './api';
import { EndpointActions } from './EndpointActions';
import { EndpointDialog } from './EndpointDialog';
import { EndpointState, LastDelivery } from './EndpointStatus';
import { SecretDialog } from './SecretDialog';
import { useEndpointActions } from './useEndpointActions';
import { SuccessNotice } from '@/components/SuccessNotice';
import { ResponsiveTable } from '@/components/ResponsiveTable';

/** More events than this show as the first few and a count of the rest. */
const MAX_EVENT_TAGS = 3;

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
  const actions = useEndpointActions();
  const { outcome } = actions;
  const timeZone = project.time_zone;

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
                pending={actions.pendingOf(endpoint)}
                onEdit={() => {
                  actions.edit(endpoint);
                }}
                onTest={() => {
                  actions.testEndpoint(endpoint);
                }}
                onRotate={() => {
                  actions.rotateSecret(endpoint);
                }}
                onDelete={() => {
                  actions.deleteEndpoint(endpoint);
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
              actions.edit(null);
            }}
          >
            New endpoint
          </Button>
        </div>
      )}
      {outcome?.notice !== undefined && (
        <SuccessNotice message={outcome.notice} onClose={actions.clearOutcome} />
      )}
      {outcome?.error !== undefined && <ErrorAlert error={outcome.error} />}
      {error !== null && <ErrorAlert error={error} />}
      <ResponsiveTable<WebhookEndpoint>
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
      {actions.editing !== undefined && (
        <EndpointDialog
          projectId={project.id}
          endpoint={actions.editing}
          onCreated={actions.created}
          onSaved={actions.saved}
          onClose={actions.closeEditor}
        />
      )}
      {actions.secret !== null && (
        <SecretDialog endpoint={actions.secret} timeZone={timeZone} onClose={actions.closeSecret} />
      )}
    </Flex>
  );
}

import { DeleteOutlined, EditOutlined, KeyOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm } from 'antd';
import { Link } from 'react-router-dom';
import { projectPath } from '@/lib/session';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import type { WebhookEndpoint } from './api';

export interface EndpointActionsProps {
  endpoint: WebhookEndpoint;
  /** Which of this endpoint's writes is under way, if any. */
  pending: 'test' | 'rotate' | 'delete' | null;
  onEdit: () => void;
  onTest: () => void;
  onRotate: () => void;
  onDelete: () => void;
}

function deliveriesPath(endpoint: Pick<WebhookEndpoint, 'id' | 'project'>): string {
  return projectPath(`/webhooks/${String(endpoint.id)}/deliveries`, endpoint.project);
}

/** A project admin's writes to one endpoint, each named with its URL; rotating and deleting are confirmed first. */
export function EndpointActions({ endpoint, pending, onEdit, onTest, onRotate, onDelete }: EndpointActionsProps) {
  const { url } = endpoint;
  // Full-size buttons on a phone: small ones are under a thumb's 44 px.
  const size = useIsPhone() ? undefined : 'small';
  return (
    <Flex wrap gap="small" align="center">
      <Button size={size} icon={<EditOutlined aria-hidden />} aria-label={`Edit: ${url}`} onClick={onEdit}>
        Edit
      </Button>
      <Button
        size={size}
        icon={<SendOutlined aria-hidden />}
        aria-label={`Send test: ${url}`}
        loading={pending === 'test'}
        onClick={onTest}
      >
        Send test
      </Button>
      <Popconfirm
        title="Rotate the signing secret?"
        description="The old secret keeps signing beside the new one for 24 hours, so receivers can switch over."
        okText="Rotate"
        cancelText="Not now"
        onConfirm={onRotate}
      >
        <Button
          size={size}
          icon={<KeyOutlined aria-hidden />}
          aria-label={`Rotate secret: ${url}`}
          loading={pending === 'rotate'}
        >
          Rotate secret
        </Button>
      </Popconfirm>
      <Link to={deliveriesPath(endpoint)} aria-label={`Deliveries: ${url}`}>
        <UnorderedListOutlined aria-hidden /> Deliveries
      </Link>
      <Popconfirm
        title="Delete this endpoint?"
        description="PTW stops sending to it, and its delivery log is deleted with it."
        okText="Delete"
        okButtonProps={{ danger: true }}
        cancelText="Keep"
        onConfirm={onDelete}
      >
        <Button
          size={size}
          danger
          icon={<DeleteOutlined aria-hidden />}
          aria-label={`Delete: ${url}`}
          loading={pending === 'delete'}
        >
          Delete
        </Button>
      </Popconfirm>
    </Flex>
  );
}

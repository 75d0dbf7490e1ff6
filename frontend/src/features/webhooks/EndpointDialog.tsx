import { Alert, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { ApiError } from '@/lib/api/client';
import { useWriteIntent } from '@/lib/api/idempotency';
import { ErrorAlert } from '@/components/ErrorAlert';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import {
  useCreateWebhook,
  useUpdateWebhook,
  type WebhookEndpoint,
  type WebhookEndpointChanges,
  type WebhookEndpointWithSecret,
  type WebhookEvent,
} from './api';
import { EventPicker } from './EventPicker';

const FIELDS = ['url', 'description', 'events', 'enabled'] as const;
const MAX_URL = 2000;
const MAX_DESCRIPTION = 200;

interface EndpointValues {
  url: string;
  description: string;
  events: WebhookEvent[];
  enabled: boolean;
}

function valuesOf(endpoint: WebhookEndpoint | null): EndpointValues {
  if (endpoint === null) return { url: '', description: '', events: [], enabled: true };
  const { url, description, events, enabled } = endpoint;
  return { url, description, events, enabled };
}

function cleaned(values: EndpointValues): EndpointValues {
  return { ...values, url: values.url.trim(), description: values.description.trim() };
}

/** What the user changed on the version they edited: only that is sent, so an unchanged URL is not checked again. */
function endpointChanges(base: WebhookEndpoint, values: EndpointValues): WebhookEndpointChanges {
  const changes: WebhookEndpointChanges = {};
  if (values.url !== base.url) changes.url = values.url;
  if (values.description !== base.description) changes.description = values.description;
  if (values.events.join() !== base.events.join()) changes.events = values.events;
  if (values.enabled !== base.enabled) changes.enabled = values.enabled;
  return changes;
}

function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined;
}

export interface EndpointDialogProps {
  projectId: number;
  /** The endpoint to edit; null registers a new one. */
  endpoint: WebhookEndpoint | null;
  onCreated: (endpoint: WebhookEndpointWithSecret) => void;
  onSaved: (endpoint: WebhookEndpoint) => void;
  onClose: () => void;
}

/**
 * Registers an endpoint (with an Idempotency-Key) or edits one (with If-Match). A save that meets a
 * newer version shows what is saved now in the form, for the user to make their changes again.
 */
export function EndpointDialog({ projectId, endpoint, onCreated, onSaved, onClose }: EndpointDialogProps) {
  const [form] = Form.useForm<EndpointValues>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const intent = useWriteIntent();
  const [base, setBase] = useState(endpoint);
  const [conflicted, setConflicted] = useState(false);
  const [placed, setPlaced] = useState<string[]>([]);
  const write = base === null ? create : update;

  const onError = (error: Error) => {
    if (isVersionConflict(error)) {
      const current = error.current as WebhookEndpoint;
      setBase(current);
      form.setFieldsValue(valuesOf(current));
      setConflicted(true);
      return;
    }
    setPlaced(placeFieldErrors(form, error, FIELDS));
  };

  const submit = (values: EndpointValues) => {
    const cleanValues = cleaned(values);
    setPlaced([]);
    setConflicted(false);
    if (base === null) {
      const body = { project: projectId, ...cleanValues };
      create.mutate(
        { body, idempotencyKey: intent.keyFor(body) },
        {
          onSuccess: (created) => {
            intent.settle(null);
            onCreated(created);
          },
          onError: (error) => {
            intent.settle(error);
            onError(error);
          },
        },
      );
      return;
    }
    const changes = endpointChanges(base, cleanValues);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    update.mutate({ id: base.id, version: base.version, changes }, { onSuccess: onSaved, onError });
  };

  return (
    <Modal
      open
      title={base === null ? 'New webhook endpoint' : 'Edit webhook endpoint'}
      okText={base === null ? 'Create' : 'Save'}
      okButtonProps={{ loading: write.isPending }}
      cancelText="Cancel"
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      maskClosable={false}
      width={640}
    >
      <Form<EndpointValues>
        form={form}
        name="webhook-endpoint"
        layout="vertical"
        initialValues={valuesOf(endpoint)}
        onFinish={submit}
        disabled={write.isPending}
        requiredMark
      >
        {conflicted && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            message="Someone else changed this endpoint while you were editing."
            description="The form now shows what is saved; make your changes again and save."
          />
        )}
        <Form.Item
          name="url"
          label="URL"
          rules={[
            { required: true, whitespace: true, message: 'Give the URL PTW posts events to.' },
            { max: MAX_URL, message: `At most ${String(MAX_URL)} characters.` },
          ]}
        >
          <Input maxLength={MAX_URL} placeholder="https://receiver.example.com/ptw" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="description"
          label="Description"
          rules={[{ max: MAX_DESCRIPTION, message: `At most ${String(MAX_DESCRIPTION)} characters.` }]}
        >
          <Input maxLength={MAX_DESCRIPTION} placeholder="e.g. Maintenance system" />
        </Form.Item>
        <Form.Item
          name="events"
          label="Events"
          rules={[{ required: true, type: 'array', min: 1, message: 'Choose at least one event.' }]}
        >
          <EventPicker />
        </Form.Item>
        <Form.Item
          name="enabled"
          label="Enabled"
          valuePropName="checked"
          extra="While disabled, PTW sends nothing to this endpoint."
        >
          <Switch />
        </Form.Item>
        {write.error !== null && !isVersionConflict(write.error) && (
          <ErrorAlert error={write.error} shownFields={placed} />
        )}
      </Form>
    </Modal>
  );
}

import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { ConflictDialog, type ConflictRow } from '@/components/ConflictDialog';
import { FormDialog } from '@/components/FormDialog';
import { ApiError } from '@/lib/api/client';
import { useWriteIntent } from '@/lib/api/idempotency';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import { ENERGY_TYPES } from '@/lib/permits/isolation';
import { capitalise } from '@/lib/permits/riskLevel';
import {
  useCreatePoint,
  useEquipment,
  useUpdatePoint,
  type LibraryPoint,
  type LibraryPointBody,
  type LibraryPointChanges,
} from './api';
import { POINT_FIELDS, POINT_TYPES, type PointValues, changesOf, fieldLabel, shownValue, valuesOf } from './fields';

export interface PointDialogProps {
  projectId: number;
  /** The point to edit; null adds a new one. */
  point: LibraryPoint | null;
  onSaved: (point: LibraryPoint, created: boolean) => void;
  onClose: () => void;
}

interface Conflict {
  current: LibraryPoint;
  changes: LibraryPointChanges;
}

function conflictRows(conflict: Conflict): ConflictRow[] {
  return Object.entries(conflict.changes).map(([name, mine]) => ({
    key: name,
    field: fieldLabel(name),
    theirs: shownValue(name, conflict.current[name as keyof LibraryPoint]),
    mine: shownValue(name, mine),
  }));
}

/**
 * Adds a point (with an Idempotency-Key) or edits one (only what changed, with If-Match). A save that meets a
 * newer version opens the conflict dialog: re-apply the changes on top of it, or discard them.
 */
export function PointDialog({ projectId, point, onSaved, onClose }: PointDialogProps) {
  const [form] = Form.useForm<PointValues>();
  const create = useCreatePoint(projectId);
  const update = useUpdatePoint(projectId, point?.id ?? 0);
  const equipment = useEquipment(projectId);
  const intent = useWriteIntent();
  const [base, setBase] = useState(point);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [placed, setPlaced] = useState<string[]>([]);
  const [unchanged, setUnchanged] = useState(false);
  const write = point === null ? create : update;

  const failed = (error: Error) => {
    intent.settle(error);
    setPlaced(placeFieldErrors(form, error, POINT_FIELDS));
  };

  const saveChanges = (on: LibraryPoint, changes: LibraryPointChanges) => {
    update.mutate(
      { version: on.version, body: changes },
      {
        onSuccess: (saved) => {
          onSaved(saved, false);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined) {
            setConflict({ current: error.current as LibraryPoint, changes });
            return;
          }
          failed(error);
        },
      },
    );
  };

  const submit = (values: PointValues) => {
    setPlaced([]);
    if (base === null) {
      const body: LibraryPointBody = { ...changesOf(null, values), code: values.code.trim() } as LibraryPointBody;
      create.mutate(
        { body, idempotencyKey: intent.keyFor(body) },
        {
          onSuccess: (saved) => {
            intent.settle(null);
            onSaved(saved, true);
          },
          onError: failed,
        },
      );
      return;
    }
    const changes = changesOf(base, values);
    setUnchanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length > 0) saveChanges(base, changes);
  };

  const equipmentOptions = (equipment.data?.results ?? []).map((node) => ({
    value: node.id,
    label: `${node.code} — ${node.path}`,
  }));

  return (
    <>
      <FormDialog<PointValues>
        open={conflict === null}
        title={point === null ? 'Add an isolation point' : `Edit ${point.code}`}
        okText={point === null ? 'Add point' : 'Save changes'}
        form={form}
        initialValues={valuesOf(base)}
        onFinish={submit}
        onCancel={onClose}
        pending={write.isPending}
        error={unchanged ? new Error('Nothing was changed.') : write.error}
        shownFields={placed}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label="Code"
              rules={[
                { required: true, whitespace: true, message: 'Give the point’s code.' },
                { max: 60, message: 'At most 60 characters.' },
              ]}
              extra={point === null ? 'Unique on the project.' : 'The code stays; retire the point and add another.'}
            >
              <Input maxLength={60} disabled={point !== null} placeholder="e.g. MV-101" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="name"
              label="Name"
              rules={[
                { required: true, whitespace: true, message: 'Name the point.' },
                { max: 200, message: 'At most 200 characters.' },
              ]}
            >
              <Input maxLength={200} placeholder="e.g. Suction valve P-101A" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="energy_type" label="Energy" rules={[{ required: true, message: 'Choose the energy.' }]}>
              <Select options={ENERGY_TYPES.map((energy) => ({ value: energy, label: capitalise(energy) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="point_type" label="Point type" rules={[{ required: true, message: 'Choose the type.' }]}>
              <Select options={POINT_TYPES.map((type) => ({ value: type, label: capitalise(type) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="locks_required"
              label="Locks needed"
              rules={[{ required: true, type: 'integer', min: 1, max: 20, message: 'From 1 to 20 locks.' }]}
            >
              <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="asset_tag" label="Asset tag" rules={[{ max: 60, message: 'At most 60 characters.' }]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="equipment" label="Equipment">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={equipment.isPending}
                placeholder="None"
                options={equipmentOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="method" label="How to isolate" rules={[{ max: 500, message: 'At most 500 characters.' }]}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="verification_method"
              label="How to prove it isolated"
              rules={[{ max: 500, message: 'At most 500 characters.' }]}
            >
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </Col>
        </Row>
      </FormDialog>
      {conflict !== null && (
        <ConflictDialog
          title={`${conflict.current.code} was changed by someone else`}
          version={conflict.current.version}
          rows={conflictRows(conflict)}
          pending={update.isPending}
          error={update.error instanceof ApiError && update.error.code === 'version_conflict' ? null : update.error}
          onReapply={() => {
            setBase(conflict.current);
            saveChanges(conflict.current, conflict.changes);
          }}
          onDiscard={() => {
            setBase(conflict.current);
            setConflict(null);
            update.reset();
          }}
        />
      )}
    </>
  );
}

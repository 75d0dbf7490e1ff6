import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../lib/api/client';
import { refreshPermit, updatePermit } from '../api/permits';
import type { Permit, PermitUpdateBody } from '../api/types';
import { ActionErrorAlert } from './ActionErrorAlert';
import { fieldLabel, formatFieldValue } from './fieldValues';

export interface ConflictDialogProps {
  /** The permit as the server has it now (the 409 answer's `current`). */
  current: Permit;
  /** The user's unsaved changes: the PATCH body that met the conflict. */
  changes: PermitUpdateBody;
  /** The version the user started from: fields the other person changed are listed too. */
  original?: Permit;
  timeZone: string;
  /** Names a person by id (the named verifier among the changes). */
  personName?: (id: number) => string | undefined;
  /** The changes are saved on top of the current permit. */
  onReapplied: (permit: Permit) => void;
  /** The user drops their changes and continues from `current`. */
  onDiscard: (current: Permit) => void;
}

interface Row {
  field: string;
  theirs: string;
  mine: string;
}

const CONTENT_FIELDS = [
  'title',
  'description',
  'location',
  'work_order',
  'work_nature',
  'priority',
  'probability',
  'severity',
  'planned_start',
  'planned_end',
  'hazards',
  'control_measures',
  'ppe',
  'checklist',
  'parameters',
  'special_instructions',
  'verifier_id',
] as const;

function currentValue(permit: Permit, field: string): unknown {
  if (field === 'verifier_id') return permit.named_verifier?.name ?? null;
  return (permit as unknown as Record<string, unknown>)[field];
}

/** Content fields whose value differs between two versions of a permit. */
function changedBetween(before: Permit, after: Permit): string[] {
  return CONTENT_FIELDS.filter(
    (field) => JSON.stringify(currentValue(before, field)) !== JSON.stringify(currentValue(after, field)),
  );
}

const columns: TableColumnsType<Row> = [
  { title: 'Field', dataIndex: 'field', key: 'field' },
  { title: 'Saved by someone else', dataIndex: 'theirs', key: 'theirs' },
  { title: 'Your unsaved change', dataIndex: 'mine', key: 'mine' },
];

/**
 * A save met a newer version of the permit: shows what is there now beside the user's changes
 * and lets them re-apply their changes on the current version, or discard them.
 */
export function ConflictDialog({
  current,
  changes,
  original,
  timeZone,
  personName,
  onReapplied,
  onDiscard,
}: ConflictDialogProps) {
  const queryClient = useQueryClient();
  const [latest, setLatest] = useState(current);
  const reapply = useMutation({
    mutationFn: (base: Permit) => updatePermit({ id: base.id, version: base.version, body: changes }),
    onSuccess: async (permit) => {
      await refreshPermit(queryClient, permit);
      onReapplied(permit);
    },
    onError: (error) => {
      // Changed yet again meanwhile: compare with the newest version instead.
      if (error instanceof ApiError && error.code === 'version_conflict' && error.current !== undefined)
        setLatest(error.current as Permit);
    },
  });

  const mine = changes as Record<string, unknown>;
  const theirsOnly = original === undefined ? [] : changedBetween(original, latest).filter((field) => !(field in mine));
  const rows: Row[] = [
    ...Object.entries(mine).map(([field, value]) => ({
      field: fieldLabel(field),
      theirs: formatFieldValue(field, currentValue(latest, field), timeZone),
      mine:
        field === 'verifier_id' && typeof value === 'number'
          ? (personName?.(value) ?? `Person #${String(value)}`)
          : formatFieldValue(field, value, timeZone),
    })),
    ...theirsOnly.map((field) => ({
      field: fieldLabel(field),
      theirs: formatFieldValue(field, currentValue(latest, field), timeZone),
      mine: 'Not changed by you (kept as saved)',
    })),
  ];

  return (
    <Modal
      open
      width={760}
      title="This permit was changed by someone else"
      closable={false}
      maskClosable={false}
      footer={[
        <Button
          key="discard"
          disabled={reapply.isPending}
          onClick={() => {
            onDiscard(latest);
          }}
        >
          Discard mine
        </Button>,
        <Button
          key="reapply"
          type="primary"
          loading={reapply.isPending}
          onClick={() => {
            reapply.mutate(latest);
          }}
        >
          Re-apply my changes
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        Version {latest.version} of {latest.permit_number} was saved while you were editing. Compare the values saved now with your unsaved changes, then re-apply yours on top of the current version or
        discard them and continue from the current version.
      </Typography.Paragraph>
      <Table<Row>
        rowKey="field"
        columns={columns}
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: true }}
      />
      {reapply.error !== null && !(reapply.error instanceof ApiError && reapply.error.code === 'version_conflict') && (
        <div style={{ marginTop: 12 }}>
          <ActionErrorAlert error={reapply.error} />
        </div>
      )}
    </Modal>
  );
}

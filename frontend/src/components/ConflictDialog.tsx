import { Button, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { ErrorAlert } from './ErrorAlert';

export interface ConflictRow {
  key: string;
  field: string;
  theirs: string;
  mine: string;
}

export interface ConflictDialogProps {
  /** What was changed meanwhile, e.g. "The closeout was changed by someone else". */
  title: string;
  /** The version saved meanwhile. */
  version: number;
  /** What that version is of, when the title does not say it (e.g. the permit's number). */
  of?: string;
  rows: readonly ConflictRow[];
  pending: boolean;
  /** A failed re-apply (other than yet another conflict). */
  error: Error | null;
  onReapply: () => void;
  onDiscard: () => void;
}

const columns: TableColumnsType<ConflictRow> = [
  { title: 'Field', dataIndex: 'field', key: 'field' },
  { title: 'Saved by someone else', dataIndex: 'theirs', key: 'theirs' },
  { title: 'Your unsaved change', dataIndex: 'mine', key: 'mine' },
];

/**
 * A save met a newer version (of a permit or one of its parts): shows what is saved now beside the
 * user's changes and lets them re-apply their changes on the current version, or discard them.
 */
export function ConflictDialog({
  title,
  version,
  of,
  rows,
  pending,
  error,
  onReapply,
  onDiscard,
}: ConflictDialogProps) {
  return (
    <Modal
      open
      width={760}
      title={title}
      closable={false}
      maskClosable={false}
      footer={[
        <Button key="discard" disabled={pending} onClick={onDiscard}>
          Discard mine
        </Button>,
        <Button key="reapply" type="primary" loading={pending} onClick={onReapply}>
          Re-apply my changes
        </Button>,
      ]}
    >
      <Typography.Paragraph>
        Version {version}
        {of === undefined ? '' : ` of ${of}`} was saved while you were editing. Compare the values saved now with
        your unsaved changes, then re-apply yours on top of the current version or discard them and continue from the
        current version.
      </Typography.Paragraph>
      <Table<ConflictRow>
        rowKey="key"
        columns={columns}
        dataSource={[...rows]}
        pagination={false}
        size="small"
        scroll={{ x: true }}
      />
      {error !== null && (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      )}
    </Modal>
  );
}

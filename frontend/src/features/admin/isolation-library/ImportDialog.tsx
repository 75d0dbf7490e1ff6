import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Switch, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { newIdempotencyKey, useWriteIntent } from '@/lib/api/idempotency';
import { useImportPoints, type ImportReport, type ImportRow } from './api';
import { fieldLabel } from './fields';

export interface ImportDialogProps {
  projectId: number;
  onImported: (written: number) => void;
  onClose: () => void;
}

function errorsText(row: ImportRow): string {
  return Object.entries(row.errors)
    .map(([column, reasons]) => `${column === 'file' ? 'Row' : fieldLabel(column)}: ${reasons.join(' ')}`)
    .join('; ');
}

const columns: TableColumnsType<ImportRow> = [
  { title: 'Row', dataIndex: 'row', key: 'row', width: 64 },
  { title: 'Code', dataIndex: 'code', key: 'code' },
  {
    title: 'Result',
    key: 'result',
    render: (_, row) =>
      Object.keys(row.errors).length === 0 ? (
        <Typography.Text type="success">Ready</Typography.Text>
      ) : (
        <Typography.Text type="danger">{errorsText(row)}</Typography.Text>
      ),
  },
];

/**
 * Imports isolation points from a CSV file: the file is previewed first (every row judged, nothing written),
 * and "Import N points" is offered only when every row is valid; the import then writes all rows or none.
 */
export function ImportDialog({ projectId, onImported, onClose }: ImportDialogProps) {
  const importer = useImportPoints(projectId);
  const intent = useWriteIntent();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(true);

  const preview = (chosen: File) => {
    setFile(chosen);
    setReport(null);
    importer.mutate(
      // A preview writes nothing: each choice of file is its own request.
      { file: chosen, dryRun: true, idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (answer) => {
          intent.renew();
          setReport(answer);
          setOnlyErrors(!answer.valid);
        },
      },
    );
  };

  const commit = () => {
    if (file === null || report === null) return;
    importer.mutate(
      { file, dryRun: false, idempotencyKey: intent.keyFor({ name: file.name, size: file.size, commit: true }) },
      {
        onSuccess: (answer) => {
          intent.settle(null);
          onImported(answer.written);
        },
        onError: intent.settle,
      },
    );
  };

  const invalid = report?.totals.invalid ?? 0;
  const ready = report !== null && report.valid && report.totals.rows > 0;
  const shownRows = (report?.rows ?? []).filter((row) => !onlyErrors || Object.keys(row.errors).length > 0);

  return (
    <Modal
      open
      width={820}
      title="Import isolation points from CSV"
      onCancel={onClose}
      maskClosable={!importer.isPending}
      footer={[
        <Button key="close" onClick={onClose} disabled={importer.isPending}>
          Close
        </Button>,
        <Button key="import" type="primary" disabled={!ready} loading={importer.isPending && report !== null} onClick={commit}>
          {report === null ? 'Import points' : `Import ${String(report.totals.valid)} points`}
        </Button>,
      ]}
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph style={{ margin: 0 }}>
          A UTF-8 CSV file with a header row (at most 5,000 rows and 2 MB). Columns: code, name and energy_type are
          required; point_type, asset_tag, method, verification_method, locks_required and equipment (an equipment
          location’s code) are optional. Nothing is written until every row is valid.
        </Typography.Paragraph>
        <div>
          <Upload
            accept=".csv,text/csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              preview(chosen);
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} loading={importer.isPending && report === null}>
              {file === null ? 'Choose CSV file' : 'Choose another file'}
            </Button>
          </Upload>
          {file !== null && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              {file.name}
            </Typography.Text>
          )}
        </div>
        {importer.error !== null && <ErrorAlert error={importer.error} />}
        {report !== null && (
          <>
            {report.valid ? (
              <Alert
                type="success"
                showIcon
                message={`All ${String(report.totals.rows)} rows are valid: ready to import.`}
              />
            ) : (
              <Alert
                type="error"
                showIcon
                message={`${String(invalid)} of ${String(report.totals.rows)} rows are invalid. Correct them in the file and choose it again; nothing is imported until every row is valid.`}
              />
            )}
            <Flex align="center" gap="small" style={{ minHeight: 44 }}>
              <Switch
                id="import-only-errors"
                checked={onlyErrors}
                onChange={setOnlyErrors}
                aria-label="Show only rows with errors"
              />
              <label htmlFor="import-only-errors">Show only rows with errors</label>
            </Flex>
            <Table<ImportRow>
              aria-label="Import preview"
              rowKey="row"
              size="small"
              columns={columns}
              dataSource={shownRows}
              onRow={(row) => ({
                style: Object.keys(row.errors).length > 0 ? { background: '#fff1f0' } : undefined,
              })}
              pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
              scroll={{ x: true }}
              locale={{ emptyText: onlyErrors ? 'No rows with errors.' : 'No rows.' }}
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}

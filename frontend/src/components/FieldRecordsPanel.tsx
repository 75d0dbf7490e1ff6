import { Button, Card, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { recordKinds } from '@/lib/offline/kinds';
import type { FieldRecord, RecordStatus } from '@/lib/offline/records';
import { useFieldRecords, useRefusedRecordActions } from '@/lib/offline/useFieldRecords';
import { formatDateTime } from '@/lib/time/format';
import { ErrorAlert } from './ErrorAlert';

const STATUS: Record<RecordStatus, { label: string; color: string }> = {
  pending: { label: 'Waiting for signal', color: 'blue' },
  sent: { label: 'Sent', color: 'green' },
  refused: { label: 'Refused', color: 'red' },
};

function RefusedActions({ record }: { record: FieldRecord }) {
  const { dismiss, makeAgain } = useRefusedRecordActions();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (act: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    act()
      .catch((failure: unknown) => {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      })
      .finally(() => {
        setBusy(false);
      });
  };
  return (
    <Flex vertical gap="small">
      <Flex wrap gap="small">
        <Button
          size="small"
          loading={busy}
          onClick={() => {
            run(() => makeAgain(record));
          }}
        >
          Record again on the permit as it is now
        </Button>
        <Button
          size="small"
          disabled={busy}
          onClick={() => {
            run(() => dismiss(record));
          }}
        >
          Dismiss
        </Button>
      </Flex>
      {error !== null && <ErrorAlert error={error} />}
    </Flex>
  );
}

/** "On this device": the user's field records of this permit kept on the device, pending, sent or refused. */
export function FieldRecordsPanel({ permitId, timeZone }: { permitId: number; timeZone: string }) {
  const records = useFieldRecords(permitId);
  if (records.length === 0) return null;
  return (
    <Card size="small" title="On this device" role="region" aria-label="On this device">
      <List
        size="small"
        dataSource={records}
        rowKey="id"
        renderItem={(record) => {
          const status = STATUS[record.status];
          const kind = recordKinds[record.kind]?.label ?? record.kind;
          return (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex wrap gap="small" align="center">
                  <Tag color={status.color}>{status.label}</Tag>
                  <Typography.Text strong>{kind}</Typography.Text>
                  <Typography.Text>{record.summary}</Typography.Text>
                  <Typography.Text type="secondary">
                    made <time dateTime={record.madeAt}>{formatDateTime(record.madeAt, timeZone)}</time>
                  </Typography.Text>
                </Flex>
                {record.status === 'refused' && (
                  <>
                    <Typography.Text type="danger">{record.reason}</Typography.Text>
                    <RefusedActions record={record} />
                  </>
                )}
              </Flex>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

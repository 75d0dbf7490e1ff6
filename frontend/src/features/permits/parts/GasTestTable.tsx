import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '@/lib/time/format';
import { useNow } from '@/lib/time/useNow';
import type { GasTest } from '@/lib/api/models';
import { describeLimit, freshness } from './gas';

const calendarDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

function formatCalendarDate(date: string): string {
  const parsed = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(parsed) ? date : calendarDate.format(parsed);
}

function columns(timeZone: string, now: Date): TableColumnsType<GasTest> {
  return [
    { title: 'Gas', dataIndex: 'gas', key: 'gas' },
    { title: 'Reading', key: 'reading', render: (_value, test) => `${test.value} ${test.unit}` },
    {
      title: 'Result',
      key: 'result',
      render: (_value, test) =>
        test.result === 'pass' ? <Tag color="success">Pass</Tag> : <Tag color="error">Fail</Tag>,
    },
    { title: 'Limit', key: 'limit', render: (_value, test) => describeLimit(test.limit) },
    {
      title: 'Freshness',
      key: 'fresh_until',
      render: (_value, test) => {
        // A failed reading never counts, however recent.
        if (test.result !== 'pass') return <Typography.Text type="secondary">—</Typography.Text>;
        const { fresh, text } = freshness(test.fresh_until, now);
        return (
          <Typography.Text type={fresh ? undefined : 'danger'} strong={!fresh} role="timer">
            {text}
          </Typography.Text>
        );
      },
    },
    {
      title: 'Tested',
      key: 'tested_at',
      render: (_value, test) => (
        <>
          <time dateTime={test.tested_at}>{formatDateTime(test.tested_at, timeZone)}</time>
          <div>
            <Typography.Text type="secondary">by {test.tested_by.name}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: 'Instrument',
      key: 'instrument',
      render: (_value, test) => (
        <>
          {test.instrument_id}
          <div>
            <Typography.Text type="secondary">calibrated {formatCalendarDate(test.calibrated_on)}</Typography.Text>
          </div>
        </>
      ),
    },
    { title: 'Where', dataIndex: 'location', key: 'location' },
  ];
}

/** Every reading with the server's verdict, the limit it applied and how long it still counts. */
export function GasTestTable({ tests, loading, timeZone }: { tests: readonly GasTest[]; loading: boolean; timeZone: string }) {
  const now = useNow(30_000);
  return (
    <Table<GasTest>
      rowKey="id"
      size="small"
      aria-label="Gas tests"
      columns={columns(timeZone, now)}
      dataSource={[...tests]}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: 'No gas tests recorded.' }}
    />
  );
}

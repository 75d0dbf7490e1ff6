import { DatePicker, Flex, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId } from 'react';
import type { ReportRange } from './api';
import { lastDays } from './reportQuery';
import { visuallyHidden } from './visuallyHidden';
import { DAY_FORMAT } from '@/lib/time/format';

const ISO_DAY = 'YYYY-MM-DD';
const PRESET_DAYS = [7, 30, 90, 365] as const;

function pickerValue({ from, to }: ReportRange): [Dayjs, Dayjs] {
  return [dayjs(from, ISO_DAY), dayjs(to, ISO_DAY)];
}

interface ReportPeriodProps {
  range: ReportRange;
  /** Today on site, where the presets end. */
  today: string;
  timeZone: string;
  /** Why the server refused the period, shown under the picker. */
  errors: readonly string[];
  onChange: (range: ReportRange) => void;
}

/** The report's first and last day, both included; whole days in the project's time zone. */
export function ReportPeriod({ range, today, timeZone, errors, onChange }: ReportPeriodProps) {
  const id = useId();
  const refused = errors.length > 0;
  return (
    <Flex vertical gap={4}>
      <label htmlFor={`${id}-from`} style={visuallyHidden}>
        First day of the report
      </label>
      <label htmlFor={`${id}-to`} style={visuallyHidden}>
        Last day of the report
      </label>
      <Flex wrap gap="small" align="center">
        <DatePicker.RangePicker
          id={{ start: `${id}-from`, end: `${id}-to` }}
          placeholder={['First day', 'Last day']}
          format={[DAY_FORMAT, ISO_DAY]}
          value={pickerValue(range)}
          allowClear={false}
          status={refused ? 'error' : undefined}
          aria-describedby={refused ? `${id}-errors` : undefined}
          presets={PRESET_DAYS.map((days) => ({
            label: `Last ${String(days)} days`,
            value: pickerValue(lastDays(today, days)),
          }))}
          onChange={(values) => {
            const [from, to] = values ?? [];
            if (from && to) onChange({ from: from.format(ISO_DAY), to: to.format(ISO_DAY) });
          }}
        />
        <Typography.Text type="secondary">Whole days in {timeZone}</Typography.Text>
      </Flex>
      {refused && (
        <Typography.Text type="danger" id={`${id}-errors`}>
          {errors.join(' ')}
        </Typography.Text>
      )}
    </Flex>
  );
}

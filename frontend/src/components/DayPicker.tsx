import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DAY_FORMAT } from '@/lib/time/format';

/** The calendar-day value the forms keep: "2026-11-25". */
const ISO_DAY = 'YYYY-MM-DD';

export interface DayPickerProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

/** A calendar day shown as "2 Dec 2026" whatever the browser's locale; "2026-12-02" may be typed in too. */
export function DayPicker({ value, onChange, ...rest }: DayPickerProps) {
  const parsed = value === undefined || value === '' ? null : dayjs(value, ISO_DAY);
  return (
    <DatePicker
      {...rest}
      format={[DAY_FORMAT, ISO_DAY]}
      placeholder="Choose a day"
      style={{ width: '100%' }}
      value={parsed?.isValid() === true ? parsed : null}
      onChange={(chosen: Dayjs | null) => {
        onChange?.(chosen === null ? '' : chosen.format(ISO_DAY));
      }}
    />
  );
}

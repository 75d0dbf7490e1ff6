import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DATE_TIME_FORMAT } from '@/lib/time/format';

/** The wall-clock value the forms keep: "2026-11-25T14:00" on site (see lib/time/zonedInput). */
const WALL_CLOCK = 'YYYY-MM-DDTHH:mm';

export interface WallClockPickerProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  disabled?: boolean;
  'aria-describedby'?: string;
}

/**
 * A date and time on site, shown as "2 Dec 2026, 14:30" (24-hour) whatever the browser's locale; it also
 * takes "2026-12-02T14:30" typed in. Holds the wall-clock string the forms convert with the project time zone.
 */
export function WallClockPicker({ value, onChange, ...rest }: WallClockPickerProps) {
  const parsed = value === undefined || value === '' ? null : dayjs(value, WALL_CLOCK);
  return (
    <DatePicker
      {...rest}
      showTime={{ format: 'HH:mm' }}
      format={[DATE_TIME_FORMAT, WALL_CLOCK]}
      needConfirm={false}
      placeholder="Choose date and time"
      style={{ width: '100%' }}
      value={parsed?.isValid() === true ? parsed : null}
      onChange={(chosen: Dayjs | null) => {
        onChange?.(chosen === null ? '' : chosen.format(WALL_CLOCK));
      }}
    />
  );
}

import { Button, DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';
import { STATUSES, STATUS_INFO } from '@/lib/permits/status';
import type { PermitType } from '@/lib/api/models';
import { RISK_LABELS, RISK_LEVELS, type RiskLevel } from '@/lib/permits/riskLevel';
import { hasFilters, NO_FILTERS, type PermitListFilters } from './listQuery';
import { DAY_FORMAT } from '@/lib/time/format';

const DATE_FORMAT = 'YYYY-MM-DD';

const statusOptions = STATUSES.map((status) => ({ value: status, label: STATUS_INFO[status].label }));
const riskOptions = RISK_LEVELS.map((level) => ({ value: level, label: RISK_LABELS[level] }));

function toDay(value: string | null): Dayjs | null {
  return value === null ? null : dayjs(value, DATE_FORMAT);
}

function fromDay(value: Dayjs | null): string | null {
  return value === null ? null : value.format(DATE_FORMAT);
}

interface PermitFiltersProps {
  filters: PermitListFilters;
  types: readonly PermitType[];
  onChange: (filters: PermitListFilters) => void;
  /** One control per line, each as wide as the space (a phone's filter drawer). */
  stacked?: boolean;
}

/** Status, type, risk and start-date filters of the permit list; dates are whole days in the project time zone. */
export function PermitFilters({ filters, types, onChange, stacked = false }: PermitFiltersProps) {
  const set = (change: Partial<PermitListFilters>) => {
    onChange({ ...filters, ...change });
  };
  const width = (desktop: CSSProperties) => (stacked ? { width: '100%' } : desktop);

  return (
    <Flex wrap gap="small" vertical={stacked} role="group" aria-label="Filters">
      <Select
        mode="multiple"
        aria-label="Status"
        placeholder="Any status"
        value={filters.statuses}
        options={statusOptions}
        onChange={(statuses) => {
          set({ statuses });
        }}
        allowClear
        maxTagCount="responsive"
        style={width({ minWidth: 200, maxWidth: 320 })}
      />
      <Select
        aria-label="Permit type"
        placeholder="Any type"
        value={filters.permitType}
        options={types.map((type) => ({ value: type.id, label: type.name }))}
        onChange={(permitType: number | undefined) => {
          set({ permitType: permitType ?? null });
        }}
        allowClear
        popupMatchSelectWidth={false}
        style={width({ width: 180 })}
      />
      <Select
        aria-label="Risk level"
        placeholder="Any risk"
        value={filters.riskLevel}
        options={riskOptions}
        onChange={(riskLevel: RiskLevel | undefined) => {
          set({ riskLevel: riskLevel ?? null });
        }}
        allowClear
        style={width({ width: 130 })}
      />
      <DatePicker
        aria-label="Starts from"
        placeholder="Starts from"
        format={[DAY_FORMAT, 'YYYY-MM-DD']}
        value={toDay(filters.startsFrom)}
        onChange={(value: Dayjs | null) => {
          set({ startsFrom: fromDay(value) });
        }}
        style={width({ width: 150 })}
      />
      <DatePicker
        aria-label="Starts to"
        placeholder="Starts to"
        format={[DAY_FORMAT, 'YYYY-MM-DD']}
        value={toDay(filters.startsTo)}
        onChange={(value: Dayjs | null) => {
          set({ startsTo: fromDay(value) });
        }}
        style={width({ width: 150 })}
      />
      {hasFilters(filters) && (
        <Button
          onClick={() => {
            onChange(NO_FILTERS);
          }}
        >
          Clear filters
        </Button>
      )}
    </Flex>
  );
}

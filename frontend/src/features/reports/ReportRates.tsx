import { Card, Flex, Progress, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { OnTimeRate, ReportDuration } from './api';
import { DefinitionTip } from './DefinitionTip';

const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });

/** "3.5 h", one decimal; "—" when no permit was measured. */
function formatHours(hours: number | null): string {
  return hours === null ? '—' : `${hours.toFixed(1)} h`;
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function RateCard({ label, definition, children }: { label: string; definition: string; children: ReactNode }) {
  return (
    <Card size="small" style={{ flex: '1 1 200px' }}>
      <Flex justify="space-between" align="start" gap="small">
        <div>{children}</div>
        <DefinitionTip label={label} definition={definition} />
      </Flex>
    </Card>
  );
}

interface ReportRatesProps {
  durations: readonly ReportDuration[];
  onTime: OnTimeRate;
}

/** How long permits wait at each step, on average, and how many of those completed were handed back on time. */
export function ReportRates({ durations, onTime }: ReportRatesProps) {
  return (
    <Flex wrap gap="middle" role="group" aria-label="Durations and on-time close rate">
      {durations.map((duration) => (
        <RateCard key={duration.key} label={duration.label} definition={duration.definition}>
          <Statistic title={duration.label} value={formatHours(duration.average_hours)} />
          <Typography.Text type="secondary">over {plural(duration.permits, 'permit')}</Typography.Text>
        </RateCard>
      ))}
      <RateCard label="On-time close rate" definition={onTime.definition}>
        <Flex align="center" gap="middle">
          <Progress
            type="circle"
            size={80}
            aria-label="On-time close rate"
            percent={onTime.value === null ? 0 : onTime.value * 100}
            format={() => (onTime.value === null ? '—' : percent.format(onTime.value))}
          />
          <div>
            <Typography.Text strong style={{ display: 'block' }}>
              On-time close rate
            </Typography.Text>
            <Typography.Text type="secondary">
              {onTime.on_time} of {plural(onTime.completed, 'completed permit')} closed on time
            </Typography.Text>
          </div>
        </Flex>
      </RateCard>
    </Flex>
  );
}

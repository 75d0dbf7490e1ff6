import { Button, Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import type { ExceptionKind, ReportSummary } from './api';
import { DefinitionTip } from './DefinitionTip';
import { useIsPhone } from '@/lib/layout/useIsPhone';

/** What the total counts, as the server's report scope defines it (the summary sends no sentence for it). */
const TOTAL_DEFINITION = "Permits created on a day of the period, days taken in the project's time zone.";

function Figure({ count, label }: { count: number; label: string }) {
  return (
    <>
      <Typography.Text strong style={{ display: 'block', fontSize: 28, lineHeight: 1.25 }}>
        {count}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', whiteSpace: 'normal' }}>
        {label}
      </Typography.Text>
    </>
  );
}

interface KpiCardProps {
  label: string;
  definition: string;
  selected?: boolean;
  children: ReactNode;
}

function KpiCard({ label, definition, selected = false, children }: KpiCardProps) {
  const { token } = theme.useToken();
  return (
    <Card
      size="small"
      style={{ borderColor: selected ? token.colorPrimary : undefined }}
      styles={{ body: { padding: 8 } }}
    >
      <Flex justify="space-between" align="start" gap="small">
        {children}
        <DefinitionTip label={label} definition={definition} />
      </Flex>
    </Card>
  );
}

interface KpiCardsProps {
  summary: ReportSummary;
  selected: ExceptionKind | null;
  /** Null when the chosen exception is chosen again: the permits below close. */
  onSelect: (kind: ExceptionKind | null) => void;
}

/** The period's total and its six exception counts; an exception's card shows the permits behind it below. */
export function KpiCards({ summary, selected, onSelect }: KpiCardsProps) {
  const { token } = theme.useToken();
  // One figure a line on a phone: two would leave their labels a sliver each.
  const cardWidth = useIsPhone() ? 240 : 140;
  return (
    <div
      role="group"
      aria-label="Key figures"
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(auto-fill, minmax(${String(cardWidth)}px, 1fr))`,
        gap: token.margin,
      }}
    >
      <KpiCard label="Permits" definition={TOTAL_DEFINITION}>
        {/* Padded like the exception cards' text buttons, so all figures line up. */}
        <div style={{ padding: '4px 7px' }}>
          <Figure count={summary.total} label="Permits" />
        </div>
      </KpiCard>
      {summary.exceptions.map((exception) => {
        const pressed = exception.kind === selected;
        return (
          <KpiCard key={exception.kind} label={exception.label} definition={exception.definition} selected={pressed}>
            <Button
              type="text"
              block
              aria-pressed={pressed}
              onClick={() => {
                onSelect(pressed ? null : exception.kind);
              }}
              style={{ height: 'auto', textAlign: 'start', display: 'block' }}
            >
              <Figure count={exception.count} label={exception.label} />
            </Button>
          </KpiCard>
        );
      })}
    </div>
  );
}

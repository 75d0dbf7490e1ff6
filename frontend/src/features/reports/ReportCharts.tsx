import { Card, Empty, Flex, Skeleton, theme, type GlobalToken } from 'antd';
import { lazy, Suspense } from 'react';
import { NOT_ASSESSED, RISK_LABELS, RISK_LEVELS, riskColor } from '@/lib/permits/riskLevel';
import { STATUSES, STATUS_INFO } from '@/lib/permits/status';
import type { ReportSummary } from './api';
import { visuallyHidden } from './visuallyHidden';

/** One bar: what it counts, how many, and a CSS colour. */
export interface CountItem {
  key: string;
  label: string;
  count: number;
  color: string;
}

const CountBarChart = lazy(() => import('./CountBarChart').then((module) => ({ default: module.CountBarChart })));

/** An antd preset colour name (a status or risk tag's colour) as the theme's CSS colour; grey for "default". */
function presetColor(name: string, token: GlobalToken): string {
  const color: unknown = Reflect.get(token, name);
  return typeof color === 'string' ? color : token.colorTextQuaternary;
}

interface CountChartProps {
  title: string;
  /** What each bar is, as the text alternative's column heading. */
  category: string;
  items: readonly CountItem[];
}

function CountChart({ title, category, items }: CountChartProps) {
  return (
    <Card size="small" title={title} style={{ flex: '1 1 320px', minWidth: 0 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No permits in this period." />
      ) : (
        <div style={{ position: 'relative' }}>
          <div aria-hidden>
            <Suspense fallback={<Skeleton active paragraph={{ rows: items.length }} title={false} />}>
              <CountBarChart items={items} />
            </Suspense>
          </div>
          <table style={visuallyHidden}>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{category}</th>
                <th scope="col">Permits</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.key}>
                  <th scope="row">{item.label}</th>
                  <td>{item.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** The period's permits by status, by type and by risk level, each chart with its numbers as a table. */
export function ReportCharts({ summary }: { summary: ReportSummary }) {
  const { token } = theme.useToken();
  const byStatus = STATUSES.flatMap((status) => {
    const count = summary.by_status.find((row) => row.status === status)?.count;
    const { label, color } = STATUS_INFO[status];
    return count === undefined ? [] : [{ key: status, label, count, color: presetColor(color, token) }];
  });
  const byType = summary.by_type.map((type) => ({
    key: String(type.id),
    label: type.name,
    count: type.count,
    color: type.color,
  }));
  const byRisk: { key: string; label: string; count: number; color: string }[] = RISK_LEVELS.flatMap((level) => {
    const count = summary.by_risk.find((row) => row.risk_level === level)?.count;
    const color = presetColor(riskColor(level), token);
    return count === undefined ? [] : [{ key: level, label: RISK_LABELS[level], count, color }];
  });
  // Drafts not assessed yet have no level: their own bar, last, in grey.
  const unassessed = summary.by_risk.find((row) => row.risk_level === null)?.count;
  if (unassessed !== undefined)
    byRisk.push({ key: 'not_assessed', label: NOT_ASSESSED, count: unassessed, color: token.colorTextQuaternary });
  return (
    <Flex wrap gap="middle">
      <CountChart title="Permits by status" category="Status" items={byStatus} />
      <CountChart title="Permits by type" category="Type" items={byType} />
      <CountChart title="Permits by risk level" category="Risk level" items={byRisk} />
    </Flex>
  );
}

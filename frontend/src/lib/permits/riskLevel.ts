import type { components } from '@/lib/api/schema';

export type RiskLevel = components['schemas']['RiskLevelEnum'];

export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'extreme'];

export const RISK_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  extreme: 'Extreme',
};

/** Tag colours of the risk matrix's levels (the server computes the level). */
const RISK_COLORS: Readonly<Record<string, string>> = {
  low: 'green',
  medium: 'gold',
  high: 'orange',
  extreme: 'red',
};

export function riskColor(level: string | undefined): string {
  return (level === undefined ? undefined : RISK_COLORS[level]) ?? 'default';
}

export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ');
}

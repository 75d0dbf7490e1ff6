import type { components } from '@/lib/api/schema';

export type RiskLevel = components['schemas']['RiskLevelEnum'];
type RiskBand = components['schemas']['RiskBandOut'];

export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'extreme'];

export const RISK_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  extreme: 'Extreme',
};

/** How a permit reads before its probability and severity are chosen (the server's level is null). */
export const NOT_ASSESSED = 'Not assessed';

/** Tag colours of the risk matrix's levels (the server computes the level). */
const RISK_COLORS: Readonly<Record<string, string>> = {
  low: 'green',
  medium: 'gold',
  high: 'orange',
  extreme: 'red',
};

export function riskColor(level: string | null | undefined): string {
  return (level === undefined || level === null ? undefined : RISK_COLORS[level]) ?? 'default';
}

/** A permit's risk as one line: "High (12)", or "Not assessed". */
export function riskText(level: RiskLevel | null | undefined, score: number | null | undefined): string {
  if (level === undefined || level === null) return NOT_ASSESSED;
  return `${RISK_LABELS[level]} (${String(score ?? '')})`;
}

/**
 * The level of a probability × severity score in the server's bands (the permit type carries them, in
 * rising order); undefined when there are none to read.
 */
export function levelOf(score: number, bands: readonly RiskBand[]): RiskLevel | undefined {
  return bands.find((band) => score <= band.max_score)?.level;
}

export function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).replaceAll('_', ' ');
}

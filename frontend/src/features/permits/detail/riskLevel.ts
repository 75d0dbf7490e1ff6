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

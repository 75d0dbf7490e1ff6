const SIDE_NAMES: Readonly<Record<string, string>> = { client: 'Client', epc: 'EPC', contractor: 'Contractor' };

function isPoolRules(value: unknown): value is { side: string; grades: string[] }[] {
  return (
    Array.isArray(value) &&
    value.every(
      (rule: unknown) => typeof rule === 'object' && rule !== null && 'side' in rule && 'grades' in rule,
    )
  );
}

/**
 * A value of a changed field as people read it: text as is, nothing as "—", a policy rule list as
 * "EPC A, B; Contractor C" (or "nobody"), other structures as compact JSON.
 */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isPoolRules(value)) {
    if (value.length === 0) return 'nobody';
    return value.map((rule) => `${SIDE_NAMES[rule.side] ?? rule.side} ${rule.grades.join(', ')}`).join('; ');
  }
  return JSON.stringify(value);
}

import type { Grade, Policy, PoolRule, Side } from '../api';

export const CAPABILITIES = [
  { key: 'request', label: 'Request', help: 'Create and submit permits.' },
  { key: 'verify', label: 'Verify', help: 'Check submitted permits (the verifier pool).' },
  { key: 'approve', label: 'Approve / issue', help: 'Issue verified permits (the issuer pool).' },
] as const;

export type Capability = (typeof CAPABILITIES)[number]['key'];

export const SIDES: readonly { key: Side; label: string }[] = [
  { key: 'client', label: 'Client' },
  { key: 'epc', label: 'EPC' },
  { key: 'contractor', label: 'Contractor' },
];

export const GRADES: readonly Grade[] = ['A', 'B', 'C'];

/** Does the policy give `capability` to people of this side and grade? */
export function holds(policy: Policy, capability: Capability, side: Side, grade: Grade): boolean {
  return policy[capability].some((rule) => rule.side === side && rule.grades.includes(grade));
}

/** The policy with one cell of the matrix ticked or cleared; rules kept one per side, grades in order. */
export function toggled(policy: Policy, capability: Capability, side: Side, grade: Grade, on: boolean): Policy {
  const rules: PoolRule[] = SIDES.flatMap(({ key }) => {
    const grades = GRADES.filter((g) =>
      key === side && g === grade ? on : holds(policy, capability, key, g),
    );
    return grades.length > 0 ? [{ side: key, grades }] : [];
  });
  return { ...policy, [capability]: rules };
}

/** A policy in one canonical form (one rule per side, in order), so two equal tables compare equal. */
export function normalised(policy: Policy): Policy {
  const result = { ...policy };
  for (const { key } of CAPABILITIES) {
    result[key] = SIDES.flatMap(({ key: side }) => {
      const grades = GRADES.filter((grade) => holds(policy, key, side, grade));
      return grades.length > 0 ? [{ side, grades }] : [];
    });
  }
  return result;
}

export function samePolicy(a: Policy, b: Policy): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

/** One capability's rules as people read them, e.g. "EPC A, B; Contractor C", or "nobody". */
export function describeRules(rules: readonly PoolRule[]): string {
  const parts = SIDES.flatMap(({ key, label }) => {
    const grades = GRADES.filter((grade) => rules.some((rule) => rule.side === key && rule.grades.includes(grade)));
    return grades.length > 0 ? [`${label} ${grades.join(', ')}`] : [];
  });
  return parts.length > 0 ? parts.join('; ') : 'nobody';
}

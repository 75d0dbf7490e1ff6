import type { Grade, Member, MemberRole, Side } from '../api';

export const ROLE_LABELS: Record<MemberRole, string> = {
  member: 'Member',
  project_admin: 'Project admin',
  viewer: 'Viewer / auditor',
};

export const SIDE_LABELS: Record<Side, string> = { client: 'Client', epc: 'EPC', contractor: 'Contractor' };

export const GRADE_LABELS: Record<Grade, string> = {
  A: 'A — site in-charge',
  B: 'B — team leader / manager',
  C: 'C — engineer / supervisor',
};

export function roleLabel(role: string): string {
  return role in ROLE_LABELS ? ROLE_LABELS[role as MemberRole] : role;
}

export function companyLabel(member: Member): string {
  const company = member.user.company;
  return company === null ? '—' : `${company.name} (${SIDE_LABELS[company.side as Side]})`;
}

export const roleOptions = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
export const gradeOptions = Object.entries(GRADE_LABELS).map(([value, label]) => ({ value, label }));
export const sideOptions = Object.entries(SIDE_LABELS).map(([value, label]) => ({ value, label }));

import type { Me } from '@/lib/session';
import { projectFixture } from '@/test/partFixtures';
import { meBody, northPlant } from '@/test/session';
import type { AdminChange, AdminProject, Holder, Member } from '../api';

/** The signed-in user as a project admin of North Plant (the server grants them `admin` there). */
export function adminMe(): Me {
  return meBody({ memberships: [{ ...northPlant, role: 'project_admin', capabilities: ['admin'] }] });
}

export function adminProject(overrides: Partial<AdminProject> = {}): AdminProject {
  return { ...projectFixture(), role: 'project_admin', capabilities: ['admin'], version: 3, ...overrides };
}

export function holder(id: number, name: string, grade = 'B', side = 'epc'): Holder {
  return { id, name, company: side === 'epc' ? 'Acme EPC Engineering' : 'Acme Operations', side, grade };
}

export function memberFixture(overrides: Partial<Member> = {}, user: Partial<Member['user']> = {}): Member {
  return {
    id: 21,
    role: 'member',
    is_active: true,
    version: 1,
    ...overrides,
    user: {
      id: 5,
      name: 'Vera Ortiz',
      email: 'vera@acme.example',
      grade: 'B',
      company: { id: 2, name: 'Acme EPC Engineering', side: 'epc' },
      ...user,
    },
  };
}

export function changeFixture(overrides: Partial<AdminChange> = {}): AdminChange {
  return {
    id: 1,
    subject: 'policy',
    subject_id: null,
    action: 'update',
    actor: { id: 9, name: 'Ada Admin' },
    at: '2026-11-25T14:05:00Z',
    changes: { verify: [[{ side: 'epc', grades: ['A', 'B'] }], [{ side: 'epc', grades: ['A'] }]] },
    ...overrides,
  };
}

export function historyPage(results: AdminChange[]) {
  return { count: results.length, count_exact: true, next: null, previous: null, results };
}

export const PROJECT_URL = '/api/v1/projects/1/';
export const PREVIEW_URL = '/api/v1/projects/1/policy-preview/';
export const MEMBERS_URL = '/api/v1/projects/1/members/';
export const COMPANIES_URL = '/api/v1/projects/1/companies/';
export const INVITE_URL = '/api/v1/projects/1/members/invite/';

export function historyUrlOf(subject: string): string {
  return `/api/v1/projects/1/history/?subject=${subject}&page=1&page_size=10`;
}

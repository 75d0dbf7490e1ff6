/**
 * The one registry of built pages: it drives the router, the sidebar and the build manifest.
 * Imported by vite.config.ts, so it stays free of React and JSX.
 */

export const sections = ['Permits', 'Site board', 'Waiting for me', 'Notifications', 'Reports', 'Isolations', 'Administration'] as const;

export type Section = (typeof sections)[number];

/**
 * Who sees a page in the navigation (the route stays reachable; the server decides every request):
 * `staff` — not contractors or viewers; `projectAdmin` — project admins and tenant admins, as the server allows.
 */
export type Audience = 'everyone' | 'staff' | 'projectAdmin';

export interface PageDefinition {
  readonly key: string;
  readonly path: string;
  readonly title: string;
  readonly section: Section;
  /** False for pages reached from other pages (detail, form): a route without a sidebar entry. */
  readonly nav?: boolean;
  /** Everyone unless told otherwise. */
  readonly audience?: Audience;
  /** True when the page renders its own h1 (the permit's number and title), so the shell adds none. */
  readonly ownHeading?: boolean;
}

export const pages = [
  { key: 'permits', path: '/permits', title: 'Permits', section: 'Permits' },
  { key: 'permitNew', path: '/permits/new', title: 'New permit', section: 'Permits', nav: false },
  { key: 'permitDetail', path: '/permits/:id', title: 'Permit', section: 'Permits', nav: false, ownHeading: true },
  { key: 'permitEdit', path: '/permits/:id/edit', title: 'Edit permit', section: 'Permits', nav: false },
  { key: 'crewSignOn', path: '/permits/:id/sign-on', title: 'Crew sign-on', section: 'Permits', nav: false },
  { key: 'board', path: '/board', title: 'Site board', section: 'Site board' },
  { key: 'tasks', path: '/tasks', title: 'Waiting for me', section: 'Waiting for me' },
  { key: 'notifications', path: '/notifications', title: 'Notifications', section: 'Notifications' },
  {
    key: 'notificationPreferences',
    path: '/notifications/preferences',
    title: 'Notification preferences',
    section: 'Notifications',
    nav: false,
  },
  { key: 'qrLink', path: '/qr/:token', title: 'Open permit', section: 'Permits', nav: false },
  { key: 'reports', path: '/reports', title: 'Reports', section: 'Reports' },
  { key: 'isolations', path: '/isolations', title: 'Isolation register', section: 'Isolations' },
  {
    key: 'competency',
    path: '/competency',
    title: 'Competency register',
    section: 'Administration',
    audience: 'staff',
  },
  { key: 'system', path: '/system', title: 'System status', section: 'Administration', audience: 'staff' },
  { key: 'adminMembers', path: '/admin/members', title: 'Members', section: 'Administration', audience: 'projectAdmin' },
  {
    key: 'adminPolicy',
    path: '/admin/policy',
    title: 'Policy table',
    section: 'Administration',
    audience: 'projectAdmin',
  },
  {
    key: 'adminSettings',
    path: '/admin/settings',
    title: 'PTW settings',
    section: 'Administration',
    audience: 'projectAdmin',
  },
  {
    key: 'permitTypes',
    path: '/admin/permit-types',
    title: 'Permit types',
    section: 'Administration',
    audience: 'projectAdmin',
  },
  {
    key: 'permitTypeEdit',
    path: '/admin/permit-types/:id',
    title: 'Permit type',
    section: 'Administration',
    nav: false,
  },
  {
    key: 'isolationLibrary',
    path: '/admin/isolation-library',
    title: 'Isolation library',
    section: 'Administration',
    audience: 'projectAdmin',
  },
  { key: 'webhooks', path: '/webhooks', title: 'Webhooks', section: 'Administration', audience: 'projectAdmin' },
  {
    key: 'webhookDeliveries',
    path: '/webhooks/:id/deliveries',
    title: 'Webhook deliveries',
    section: 'Administration',
    nav: false,
  },
] as const satisfies readonly PageDefinition[];

export type PageKey = (typeof pages)[number]['key'];

export function inNavigation(page: PageDefinition): boolean {
  return page.nav !== false;
}

export const navPages = pages.filter(inNavigation);

export function audienceOf(page: PageDefinition): Audience {
  return page.audience ?? 'everyone';
}

export const homePath = '/permits';

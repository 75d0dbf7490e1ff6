/**
 * Every query key of the UI. Each family is rooted under one prefix, so invalidating the prefix
 * refreshes the whole family: a permit change refreshes ['permits'] (its parts, lists and reports).
 */

/** Query keys of one permit and its parts; all under ['permits'] so a list refreshes with them. */
export const permitKeys = {
  all: ['permits'] as const,
  list: ['permits', 'list'] as const,
  detail: (id: number) => ['permits', 'detail', id] as const,
  readiness: (id: number) => ['permits', 'detail', id, 'readiness'] as const,
  events: (id: number) => ['permits', 'detail', id, 'events'] as const,
  chain: (id: number) => ['permits', 'detail', id, 'events', 'verify'] as const,
  signatures: (id: number) => ['permits', 'detail', id, 'signatures'] as const,
  gasTests: (id: number) => ['permits', 'detail', id, 'gas-tests'] as const,
  isolations: (id: number) => ['permits', 'detail', id, 'isolations'] as const,
  closeout: (id: number) => ['permits', 'detail', id, 'closeout'] as const,
  fireWatch: (id: number) => ['permits', 'detail', id, 'fire-watch'] as const,
  workers: (id: number) => ['permits', 'detail', id, 'workers'] as const,
  toolboxTalk: (id: number) => ['permits', 'detail', id, 'toolbox-talk'] as const,
  extensions: (id: number) => ['permits', 'detail', id, 'extensions'] as const,
  handovers: (id: number) => ['permits', 'detail', id, 'handovers'] as const,
  handoverCandidates: (id: number) => ['permits', 'detail', id, 'handover-candidates'] as const,
  attachments: (id: number) => ['permits', 'detail', id, 'attachments'] as const,
  types: (projectId: number) => ['permit-types', projectId] as const,
  candidates: (projectId: number, capability: string) => ['projects', projectId, 'candidates', capability] as const,
  project: (projectId: number) => ['projects', projectId, 'detail'] as const,
  isolationPoints: (projectId: number) => ['projects', projectId, 'isolation-points'] as const,
};

/**
 * Administration of permit types, under the same ['permit-types'] prefix as the form's types: a saved change
 * refreshes the permit form's list too. `scope` is a project id, or 'tenant' for the tenant-wide types.
 */
export const permitTypeKeys = {
  all: ['permit-types'] as const,
  admin: (scope: number | 'tenant') => ['permit-types', 'admin', scope] as const,
  detail: (id: number, scope: number | 'tenant') => ['permit-types', 'admin', scope, id] as const,
};

/**
 * SIMOPS: a permit's conflicts, the form's preview and the site board are under ['permits'], so every permit
 * change refreshes them; the location tree is configuration, under ['locations'].
 */
export const simopsKeys = {
  locationTree: (projectId: number) => ['locations', projectId, 'tree'] as const,
  conflicts: (permitId: number) => ['permits', 'detail', permitId, 'conflicts'] as const,
  preview: (body: object) => ['permits', 'conflicts-preview', body] as const,
  relatedSearch: (projectId: number, search: string) => ['permits', 'related', projectId, search] as const,
  board: (projectId: number, date: string, filters: object) => ['permits', 'board', projectId, date, filters] as const,
};

/** Reports are under ['permits'], so every permit change refreshes them too. */
export const reportKeys = {
  summary: (projectId: number, range: { from: string; to: string }) =>
    ['permits', 'reports', 'summary', projectId, range] as const,
  exceptions: (projectId: number, range: { from: string; to: string }, kind: string, page: number, pageSize: number) =>
    ['permits', 'reports', 'exceptions', projectId, range, kind, { page, pageSize }] as const,
};

/**
 * The isolation library's admin lists sit under the permit form's picker key (['projects', id, 'isolation-points']),
 * so any library write refreshes the picker too.
 */
export const isolationLibraryKeys = {
  all: (projectId: number) => ['projects', projectId, 'isolation-points'] as const,
  list: (projectId: number, filter: { status: string; search: string }) =>
    ['projects', projectId, 'isolation-points', 'library', filter] as const,
  equipment: (projectId: number) => ['projects', projectId, 'isolation-points', 'equipment'] as const,
};

/** The live isolation register of every project: refreshed after any isolation changes. */
export const isolationRegisterKeys = {
  all: ['isolation-register'] as const,
  page: (projectId: number, page: number, pageSize: number) =>
    ['isolation-register', projectId, { page, pageSize }] as const,
};

/** Query keys of the competency register; all under ['competency'], so any register write refreshes them all. */
export const competencyKeys = {
  all: ['competency'] as const,
  kinds: ['competency', 'kinds'] as const,
  certificates: (projectId: number, filters: object) => ['competency', 'certificates', projectId, filters] as const,
  workers: (search: string) => ['competency', 'workers', search] as const,
  members: (projectId: number) => ['competency', 'members', projectId] as const,
};

/** Every query about the caller's tasks starts with this key: invalidate it after any permit action. */
export const tasksQueryKey = ['tasks'] as const;

/** Query keys of webhooks; all under ['webhooks'], so any write refreshes lists, endpoints and delivery logs. */
export const webhookKeys = {
  all: ['webhooks'] as const,
  list: (projectId: number) => ['webhooks', 'list', projectId] as const,
  detail: (id: number) => ['webhooks', 'detail', id] as const,
  deliveries: (id: number, page: number, pageSize: number) =>
    ['webhooks', 'detail', id, 'deliveries', { page, pageSize }] as const,
};

/**
 * Query keys of the caller's notifications; all under ['notifications'], so reading one refreshes the
 * unread count, the bell's newest few and every list page together.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  lists: ['notifications', 'list'] as const,
  list: (filter: { unread: boolean; page: number; pageSize: number }) => ['notifications', 'list', filter] as const,
  preferences: ['notifications', 'preferences'] as const,
};

export const healthKeys = {
  live: ['health', 'live'],
  ready: ['health', 'ready'],
} as const;

export const qrKeys = {
  link: (token: string) => ['qr', token] as const,
};

export const meQueryKey = ['auth', 'me'] as const;

/** Log-in and log-out carry this key prefix: they change the session, not the data. */
export const authMutationKey = ['auth'] as const;

/**
 * Administration of a project (members, companies, the policy preview, the audit trail) is under
 * ['projects', id] beside the project itself, so any admin write refreshes everything shown about the project.
 */
export const adminKeys = {
  project: (projectId: number) => ['projects', projectId] as const,
  detail: (projectId: number) => ['projects', projectId, 'detail'] as const,
  members: (projectId: number) => ['projects', projectId, 'members'] as const,
  companies: (projectId: number) => ['projects', projectId, 'companies'] as const,
  policyPreview: (projectId: number, policy: object) => ['projects', projectId, 'policy-preview', policy] as const,
  history: (projectId: number, subject: string, page: number) =>
    ['projects', projectId, 'history', subject, { page }] as const,
};

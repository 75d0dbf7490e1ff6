/** Query keys of one permit and its parts; all under ['permits'] so a list refreshes with them. */
export const permitKeys = {
  all: ['permits'] as const,
  detail: (id: number) => ['permits', 'detail', id] as const,
  readiness: (id: number) => ['permits', 'detail', id, 'readiness'] as const,
  events: (id: number) => ['permits', 'detail', id, 'events'] as const,
  chain: (id: number) => ['permits', 'detail', id, 'events', 'verify'] as const,
  signatures: (id: number) => ['permits', 'detail', id, 'signatures'] as const,
  gasTests: (id: number) => ['permits', 'detail', id, 'gas-tests'] as const,
  isolations: (id: number) => ['permits', 'detail', id, 'isolations'] as const,
  closeout: (id: number) => ['permits', 'detail', id, 'closeout'] as const,
  workers: (id: number) => ['permits', 'detail', id, 'workers'] as const,
  toolboxTalk: (id: number) => ['permits', 'detail', id, 'toolbox-talk'] as const,
  extensions: (id: number) => ['permits', 'detail', id, 'extensions'] as const,
  handovers: (id: number) => ['permits', 'detail', id, 'handovers'] as const,
  types: (projectId: number) => ['permit-types', projectId] as const,
  candidates: (projectId: number, capability: string) => ['projects', projectId, 'candidates', capability] as const,
  project: (projectId: number) => ['projects', projectId, 'detail'] as const,
  isolationPoints: (projectId: number) => ['projects', projectId, 'isolation-points'] as const,
};

/** The live isolation register of every project: refreshed after any isolation changes. */
export const isolationRegisterKeys = {
  all: ['isolation-register'] as const,
  page: (projectId: number, page: number, pageSize: number) =>
    ['isolation-register', projectId, { page, pageSize }] as const,
};

/**
 * The SIMOPS API's shapes: the location tree, conflicts, dependencies and the site board
 * .
 */

export type LocationKind = 'area' | 'unit' | 'equipment';

export interface LocationNode {
  id: number;
  project: number;
  parent: number | null;
  kind: LocationKind;
  code: string;
  name: string;
  path: string;
  area: number;
  unit: number | null;
  plan_x: number | null;
  plan_y: number | null;
  plot_plan_url: string | null;
  is_active: boolean;
  version: number;
}

export interface LocationTree {
  project: number;
  nodes: LocationNode[];
}

/** The location node a permit names, as the permit carries it. */
export interface PermitLocation {
  id: number;
  code: string;
  name: string;
  path: string;
  kind?: LocationKind;
  area?: number;
  unit?: number | null;
}

/** Another permit named by a dependency. */
export interface RelatedPermit {
  id: number;
  permit_number: string;
  title: string;
  status: string;
}

export interface PermitTypeBrief {
  id: number;
  name: string;
  category: string;
  color: string;
}

export type ConflictEffect = 'block' | 'warn';

export interface ConflictOther {
  id: number;
  permit_number: string;
  title: string;
  status: string;
  permit_type: PermitTypeBrief;
  location_node: { id: number; code: string; name: string; path: string } | null;
  planned_start: string;
  planned_end: string;
}

export interface Conflict {
  other: ConflictOther;
  effect: ConflictEffect;
  kind: 'rule' | 'isolation';
  scope: 'node' | 'unit' | 'area' | null;
  reason: string;
  acknowledged: { by: { id: number; name: string }; at: string; comment: string } | null;
}

export interface PermitConflicts {
  permit: number;
  results: Conflict[];
}

export interface ConflictsPreviewBody {
  project: number;
  permit_type: number;
  location_node: number;
  planned_start: string;
  planned_end: string;
  permit?: number;
}

export interface ConflictsPreview {
  results: Conflict[];
}

/** What a permit carries about SIMOPS beyond its content. */
export interface PermitSimops {
  location_node?: PermitLocation | null;
  depends_on?: RelatedPermit[];
  dependents?: RelatedPermit[];
}

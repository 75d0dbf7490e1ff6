/** The site board's shapes (GET board/). */

export interface BoardPermitType {
  id: number;
  name: string;
  category: string;
  color: string;
}

export interface BoardPermit {
  id: number;
  permit_number: string;
  title: string;
  status: string;
  permit_type: BoardPermitType;
  location_node: { id: number; code: string; name: string; path: string; plan_x: number | null; plan_y: number | null } | null;
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
}

export interface BoardArea {
  id: number;
  code: string;
  name: string;
  plot_plan_url: string | null;
  permits: BoardPermit[];
}

export interface BoardConflict {
  a: number;
  b: number;
  effect: 'block' | 'warn';
  reason: string;
}

export interface Board {
  project: number;
  date: string;
  day_start: string;
  day_end: string;
  areas: BoardArea[];
  unplaced: BoardPermit[];
  conflicts: BoardConflict[];
}

export interface BoardFilters {
  area: number | null;
  permitType: number | null;
  status: string | null;
}

/** An area of the project's location tree, as the filter offers it. */
export interface AreaOption {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** A permit type, as the filter offers it. */
export interface TypeOption {
  id: number;
  name: string;
  is_active: boolean;
}

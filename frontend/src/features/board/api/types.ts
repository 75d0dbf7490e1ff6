/** The site board's shapes, taken from the generated OpenAPI schema (never written by hand). */
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type Board = Schemas['BoardOut'];
export type BoardArea = Schemas['BoardAreaOut'];
export type BoardPermit = Schemas['BoardPermitOut'];
export type BoardConflict = Schemas['BoardConflictOut'];
/** An area of the project's location tree, as the filter offers it. */
export type AreaOption = Schemas['LocationOut'];
export type LocationTree = Schemas['LocationTreeOut'];
/** A permit type, as the filter offers it. */
export type TypeOption = Schemas['PermitTypeOut'];

/** What the board is narrowed to (the address keeps it). */
export interface BoardFilters {
  area: number | null;
  permitType: number | null;
  status: string | null;
}

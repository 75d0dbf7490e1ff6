/** The SIMOPS shapes the permit screens use, taken from the generated OpenAPI schema (never written by hand). */
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type LocationKind = Schemas['LocationKindEnum'];
export type LocationNode = Schemas['LocationOut'];
export type LocationTree = Schemas['LocationTreeOut'];
/** The location node a permit names, as the permit carries it. */
export type PermitLocation = Schemas['LocationBriefOut'];
/** Another permit named by a dependency. */
export type RelatedPermit = Schemas['PermitRefOut'];
export type ConflictEffect = Schemas['ConflictEffectEnum'];
export type Conflict = Schemas['ConflictOut'];
export type PermitConflicts = Schemas['PermitConflictsOut'];
export type ConflictsPreviewBody = Schemas['ConflictsPreviewInRequest'];
export type ConflictsPreview = Schemas['ConflictsPreviewOut'];

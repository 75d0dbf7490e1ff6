/** The permit API's shapes, taken from the generated OpenAPI schema (never written by hand). */
import type { components, paths } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type Permit = Schemas['PermitDetailOut'];
/** Which parts of a permit (extension, handover, crew, closeout) its current status lets be used. */
export type PartsOpen = Schemas['PartsOpenOut'];
export type PermitCreateBody = Schemas['PermitCreateInRequest'];
export type PermitUpdateBody = Schemas['PatchedPermitUpdateInRequest'];
export type PermitType = Schemas['PermitTypeOut'];
export type FormField = Schemas['FormFieldOut'];
export type ChecklistItem = Schemas['ChecklistItemOut'];
export type PermitReadiness = Schemas['PermitReadinessOut'];
export type ActionReadiness = Schemas['ActionReadinessOut'];
export type Missing = Schemas['MissingOut'];
export type PermitEvent = Schemas['EventOut'];
export type EventPage = Schemas['PaginatedEventOutList'];
export type CommentBody = Schemas['CommentInRequest'];
export type ChainVerification = Schemas['ChainOut'];
export type ChainBreakReason = Schemas['ChainBreakReasonEnum'];
export type Person = Schemas['PersonOut'];
export type ActionBody = Schemas['ActionInRequest'];

/** The actions a person can take on a permit, as the action endpoint's path enumerates them. */
export type PermitAction = paths['/api/v1/ptw/permits/{permit_id}/{action}/']['post']['parameters']['path']['action'];
export type RiskBand = Schemas['RiskBandOut'];
export type Signature = Schemas['SignatureOut'];
export type SignatureInput = Schemas['SignatureInRequest'];
export type Candidate = Schemas['CandidateOut'];
export type CandidateCapability =
  paths['/api/v1/projects/{project_id}/candidates/']['get']['parameters']['query']['capability'];

export type GasTest = Schemas['GasTestOut'];
export type Attachment = Schemas['AttachmentOut'];
export type AttachmentKind = Schemas['AttachmentKindEnum'];
export type GasTestBody = Schemas['GasTestInRequest'];
export type GasTestPage = Schemas['PaginatedGasTestOutList'];
export type GasLimit = Schemas['GasLimitOut'];
export type PermitIsolation = Schemas['PermitIsolationOut'];
export type IsolationStatus = Schemas['IsolationStatusEnum'];
export type IsolationAssignBody = Schemas['PermitIsolationInRequest'];
export type EnergyType = Schemas['EnergyTypeEnum'];
export type IsolationPoint = Schemas['IsolationPointOut'];
export type IsolationStep =
  paths['/api/v1/ptw/permits/{permit_id}/isolations/{isolation_id}/{step}/']['post']['parameters']['path']['step'];
export type RegisterIsolation = Schemas['RegisterIsolationOut'];
export type RegisterIsolationPage = Schemas['PaginatedRegisterIsolationOutList'];
export type Closeout = Schemas['CloseoutOut'];
export type CloseoutItem = Schemas['CloseoutItemOut'];
export type CloseoutBody = Schemas['CloseoutInRequest'];
export type FireWatch = Schemas['FireWatchOut'];
export type FireWatchBody = Schemas['FireWatchInRequest'];
export type Worker = Schemas['WorkerOut'];
export type SignOnSummary = Schemas['SignOnSummaryOut'];
export type SignOnBody = Schemas['SignOnInRequest'];
export type WorkerBody = Schemas['WorkerInRequest'];
export type WorkerPage = Schemas['PaginatedWorkerOutList'];
export type ToolboxTalk = Schemas['ToolboxTalkOut'];
export type ToolboxTalkBody = Schemas['ToolboxTalkInRequest'];
export type Project = Schemas['ProjectOut'];
export type Extension = Schemas['ExtensionOut'];
export type ExtensionStatus = Schemas['ExtensionOutStatusEnum'];
export type ExtensionBody = Schemas['ExtensionInRequest'];
export type ExtensionDecisionBody = Schemas['ExtensionDecisionInRequest'];
export type Handover = Schemas['HandoverOut'];
export type HandoverBody = Schemas['HandoverInRequest'];

/** Area-wide suspension: which permits (a location or the whole project), the preview, and the act's record. */
export type AreaScopeBody = Schemas['AreaScopeInRequest'];
export type AreaSuspensionBody = Schemas['AreaSuspensionInRequest'];
export type AreaPreview = Schemas['AreaPreviewOut'];
export type AreaPermit = Schemas['AreaPermitOut'];
export type AreaSuspension = Schemas['AreaSuspensionOut'];
export type AreaSuspensionOutcome = Schemas['AreaSuspensionPermitOut'];

// The competency register.
export type CompetencyKind = Schemas['CompetencyKindOut'];
export type Certificate = Schemas['CertificateOut'];
export type CertificatePage = Schemas['PaginatedCertificateOutList'];
export type CertificateStatus = Schemas['CertificateOut']['status'];
export type CompetencyWorker = Schemas['CompetencyWorkerOut'];
export type CompetencyWorkerPage = Schemas['PaginatedCompetencyWorkerOutList'];
export type CompetencyWorkerBody = Schemas['CompetencyWorkerInRequest'];
export type ProjectMember = Schemas['MemberOut'];
export type RecordReadiness = Schemas['RecordReadinessOut'];

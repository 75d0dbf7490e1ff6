from ptw.permits.models.area import AreaSuspension, AreaSuspensionPermit, AuditExport
from ptw.permits.models.attachments import PermitAttachment
from ptw.permits.models.closeout import FireWatch, PermitCloseout
from ptw.permits.models.competency import Certificate, CompetencyKind, Worker
from ptw.permits.models.documents import PermitDocument, PermitLink
from ptw.permits.models.events import ChainCheck, PermitEvent
from ptw.permits.models.gas_tests import GasTest
from ptw.permits.models.isolations import IsolationLock, IsolationPoint, PermitIsolation
from ptw.permits.models.list_generation import ListGeneration
from ptw.permits.models.locations import (
    ConfigChange,
    LocationKind,
    LocationNode,
    SimopsAcknowledgement,
    SimopsRuleSet,
    plot_plans_unread,
)
from ptw.permits.models.observations import ObservationKind, SafetyObservation
from ptw.permits.models.permit import Permit, PermitCounter
from ptw.permits.models.permit_type import PermitType, PermitTypeOverride
from ptw.permits.models.signatures import PermitSignature
from ptw.permits.models.tasks import PermitTask
from ptw.permits.models.timeframes import ExtensionStatus, PermitExtension, PermitHandover
from ptw.permits.models.workers import PermitWorker, PermitWorkerSignOn, ToolboxTalk

__all__ = [
    "AreaSuspension",
    "AreaSuspensionPermit",
    "AuditExport",
    "Certificate",
    "ChainCheck",
    "CompetencyKind",
    "ConfigChange",
    "ExtensionStatus",
    "FireWatch",
    "GasTest",
    "IsolationLock",
    "IsolationPoint",
    "ListGeneration",
    "LocationKind",
    "LocationNode",
    "ObservationKind",
    "Permit",
    "PermitAttachment",
    "PermitCloseout",
    "PermitCounter",
    "PermitDocument",
    "PermitEvent",
    "PermitExtension",
    "PermitHandover",
    "PermitIsolation",
    "PermitLink",
    "PermitSignature",
    "PermitTask",
    "PermitType",
    "PermitTypeOverride",
    "PermitWorker",
    "PermitWorkerSignOn",
    "SafetyObservation",
    "SimopsAcknowledgement",
    "SimopsRuleSet",
    "ToolboxTalk",
    "Worker",
    "plot_plans_unread",
]

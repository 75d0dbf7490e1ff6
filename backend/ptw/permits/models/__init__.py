from ptw.permits.models.events import PermitEvent
from ptw.permits.models.gas_tests import GasTest
from ptw.permits.models.permit import Permit, PermitCounter
from ptw.permits.models.permit_type import PermitType, PermitTypeOverride
from ptw.permits.models.signatures import PermitSignature
from ptw.permits.models.tasks import PermitTask

__all__ = [
    "GasTest",
    "Permit",
    "PermitCounter",
    "PermitEvent",
    "PermitSignature",
    "PermitTask",
    "PermitType",
    "PermitTypeOverride",
]

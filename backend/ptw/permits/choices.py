"""The permit's vocabulary: canonical statuses, actions and their legacy aliases, isolation statuses."""

from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted — awaiting verification"
    UNDER_REVIEW = "under_review", "Verified — awaiting issue"
    APPROVED = "approved", "Approved — issued, work not started"
    ACTIVE = "active", "Active — work in progress"
    SUSPENDED = "suspended", "Suspended"
    HANDBACK_PENDING = "handback_pending", "Handed back — awaiting acceptance"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"
    REJECTED = "rejected", "Rejected"


LEGACY_STATUS_ALIASES: dict[str, str] = {
    "pending_verification": Status.SUBMITTED,
    "verified": Status.UNDER_REVIEW,
    "pending_approval": Status.UNDER_REVIEW,
    "in_progress": Status.ACTIVE,
    "closed": Status.COMPLETED,
}


def canonical_status(name: str) -> str | None:
    """The canonical status for a canonical or legacy name; None when unknown."""
    if name in Status.values:
        return name
    return LEGACY_STATUS_ALIASES.get(name)


class Action(models.TextChoices):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    VERIFY = "verify"
    REJECT = "reject"
    RESUBMIT = "resubmit"
    APPROVE = "approve"
    ACTIVATE = "activate"
    SUSPEND = "suspend"
    RESUME = "resume"
    HAND_BACK = "hand_back"
    # The issuer's acceptance of the hand-back keeps the replaced system's name and path.
    COMPLETE = "complete"
    REFUSE_HANDBACK = "refuse_handback"
    CANCEL = "cancel"
    EXPIRE = "expire"


class IsolationStatus(models.TextChoices):
    ASSIGNED = "assigned"
    ISOLATED = "isolated"
    VERIFIED = "verified"
    DEISOLATED = "deisolated"
    REINSTATED = "reinstated"


class ClosingMode(models.TextChoices):
    MANUAL = "manual"
    MANUAL_WITH_EXTENSION = "manual_with_extension"
    AUTOMATIC = "automatic"


class WorkNature(models.TextChoices):
    DAY = "day"
    NIGHT = "night"
    BOTH = "both"


class Priority(models.TextChoices):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class RiskLevel(models.TextChoices):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    EXTREME = "extreme"


# The 5x5 matrix's bands, in rising order: each level and the highest probability x severity score it covers.
# The one definition: the server computes levels with it and the permit type carries it to the UI's matrix.
RISK_BANDS: tuple[tuple[str, int], ...] = (
    (RiskLevel.LOW, 4),
    (RiskLevel.MEDIUM, 9),
    (RiskLevel.HIGH, 16),
    (RiskLevel.EXTREME, 25),
)


# How a permit without probability and severity yet (a draft) reads wherever its risk is shown.
RISK_NOT_ASSESSED = "Not assessed"


def risk_level_for(score: int) -> str:
    """Probability times severity on the 5x5 matrix: ≤4 low, ≤9 medium, ≤16 high, else extreme."""
    return next((level for level, top in RISK_BANDS if score <= top), RiskLevel.EXTREME)


class TaskKind(models.TextChoices):
    VERIFY = "verify"
    APPROVE = "approve"
    RESUBMIT = "resubmit", "Fix and resubmit"
    ACCEPT_HANDBACK = "accept_handback", "Accept the hand-back"


class TaskState(models.TextChoices):
    OPEN = "open"
    DONE = "done"
    WITHDRAWN = "withdrawn"


class FieldType(models.TextChoices):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    SELECT = "select"


class LibraryStatus(models.TextChoices):
    """The isolation library list's `status` filter: points offered for new isolations, retired ones, or both."""

    ACTIVE = "active", "In use"
    RETIRED = "retired", "Retired"
    ALL = "all", "All"


class SignOnMethod(models.TextChoices):
    """How a worker signs on for the toolbox talk."""

    TYPED = "typed", "Typed name"
    DRAWN = "drawn", "Drawn signature"


class AttachmentKind(models.TextChoices):
    """What a file attached to a permit is (product §10); a permit type may require some of them."""

    JSA = "jsa", "JSA / risk assessment"
    METHOD_STATEMENT = "method_statement", "Method statement"
    DRAWING = "drawing", "Drawing"
    PHOTO = "photo", "Photo"
    OTHER = "other", "Other"


class CertificateState(models.TextChoices):
    """A certificate's standing on a day (in its project's time zone); `expiring`: valid, expiring within 30 days."""

    VALID = "valid", "Valid"
    EXPIRING = "expiring", "Expiring"
    EXPIRED = "expired", "Expired"
    NOT_YET_VALID = "not_yet_valid", "Not yet valid"
    SUPERSEDED = "superseded", "Renewed"
    REVOKED = "revoked", "Revoked"

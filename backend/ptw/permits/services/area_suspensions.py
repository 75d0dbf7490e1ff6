"""Area-wide suspension: one act, one reason, every active permit of a location or of the whole project.

Each permit is suspended through the one suspend transition (`permit_transition`) in its own transaction, so it
gets its own timeline event, webhook and notifications, and a permit that cannot be suspended never holds the
others back; the record lists every permit selected and the outcome (decision 0019). Resuming stays per permit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.core.errors import ApiError, Forbidden, InvalidInput
from ptw.permits.choices import Action
from ptw.permits.models import AreaSuspension, AreaSuspensionPermit, LocationNode, Permit, PermitType
from ptw.permits.policies import area_suspend_missing
from ptw.permits.services.transitions import permit_transition
from ptw.permits.workflow import AREA_SUSPENSION_SCOPE, a_permit, allows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AreaScope:
    """Which permits of the project an area act selects: a node of the location tree (the permits placed at it or
    below it), a location text (matched case-insensitively in the permit's location) or the whole project,
    optionally of one permit type."""

    project: Project
    location_text: str = ""
    location_node: LocationNode | None = None
    whole_project: bool = False
    permit_type: PermitType | None = None


def area_scope(
    project: Project,
    *,
    location_text: str = "",
    location_node_id: int | None = None,
    whole_project: bool = False,
    permit_type_id: int | None = None,
) -> AreaScope:
    """The scope from the request's values; 400 when it names not exactly one of a location node, a location text
    and the whole project, a node outside the project, or a permit type of another tenant."""
    text = location_text.strip()
    if [bool(text), location_node_id is not None, bool(whole_project)].count(True) != 1:
        message = "Choose a location, type one, or choose the whole project (one of them)."
        raise InvalidInput(fields={"location_node": [message], "location_text": [message], "whole_project": [message]})
    node = None
    if location_node_id is not None:
        node = LocationNode.objects.filter(pk=location_node_id, project=project, is_active=True).first()
        if node is None:
            raise InvalidInput(fields={"location_node": ["No such location in this project."]})
    ptype = None
    if permit_type_id is not None:
        ptype = PermitType.objects.filter(pk=permit_type_id, tenant_id=project.tenant_id).first()
        if ptype is None:
            raise InvalidInput(fields={"permit_type": ["No such permit type."]})
    return AreaScope(
        project=project, location_text=text, location_node=node, whole_project=whole_project, permit_type=ptype
    )


def area_permits(scope: AreaScope) -> QuerySet[Permit]:
    """The permits the scope selects now: issued and not stopped (approved, active), numbered order."""
    permits = Permit.objects.filter(project=scope.project, status__in=AREA_SUSPENSION_SCOPE)
    if scope.location_text:
        permits = permits.filter(location__icontains=scope.location_text)
    if (node := scope.location_node) is not None:
        permits = permits.filter(Q(location_node=node) | Q(location_node__area=node) | Q(location_node__unit=node))
    if scope.permit_type is not None:
        permits = permits.filter(permit_type=scope.permit_type)
    return permits.select_related("permit_type").order_by("permit_number", "id")


def area_suspension_preview(*, actor: User, scope: AreaScope) -> list[Permit]:
    """What `area_suspend` would select now, each marked `will_suspend` (no side effects)."""
    if blocked := area_suspend_missing(actor, scope.project):
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])
    permits = list(area_permits(scope))
    for permit in permits:
        permit.will_suspend = allows(permit.status, Action.SUSPEND)  # type: ignore[attr-defined]
    return permits


def area_suspend(*, actor: User, scope: AreaScope, reason: str, client_ip: str | None = None) -> AreaSuspension:
    """Suspend every active permit of the scope for one reason.

    Steps:
    1. check the caller may suspend an area of this project (403) and that a reason is given (400);
    2. record the act (who, when, reason, scope) — committed before any permit is touched;
    3. for each permit the scope selects, in its own transaction: the suspend transition as the caller (its own
       event, webhook and notifications) — or the refusal's code and message when it cannot be suspended
       (approved and not started, changed meanwhile, …); one permit's refusal never stops the others;
    4. record each outcome as it happens, then the counts.
    """
    if blocked := area_suspend_missing(actor, scope.project):
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])
    text = reason.strip()
    if not text:
        raise InvalidInput(fields={"reason": ["Say why the area is suspended."]})
    record = AreaSuspension.objects.create(
        project=scope.project,
        location_text=scope.location_text,
        location_node=scope.location_node,
        permit_type=scope.permit_type,
        reason=text,
        by=actor,
        at=timezone.now(),
    )
    selected = list(area_permits(scope).values_list("id", "permit_number", "status"))
    outcomes = []
    for permit_id, number, status in selected:
        outcome = _suspend_one(record, actor, permit_id, number, status, text, client_ip)
        outcome.save()  # at once: a process stopped half-way still leaves the record of what was done
        outcomes.append(outcome)
    record.suspended = sum(1 for outcome in outcomes if outcome.suspended)
    record.not_suspended = len(outcomes) - record.suspended
    record.finished_at = timezone.now()
    record.save(update_fields=["suspended", "not_suspended", "finished_at"])
    return record


def _suspend_one(
    record: AreaSuspension, actor: User, permit_id: int, number: str, status: str, reason: str, client_ip: str | None
) -> AreaSuspensionPermit:
    outcome = AreaSuspensionPermit(
        area_suspension=record, permit_id=permit_id, permit_number=number, from_status=status, suspended=False
    )
    if not allows(status, Action.SUSPEND):
        # Known from the selection: the transition would refuse it the same way (no lock taken for nothing).
        outcome.code, outcome.message = "invalid_transition", f"{a_permit(status)} cannot be suspended."
        return outcome
    try:
        permit_transition(permit_id=permit_id, action=Action.SUSPEND, actor=actor, reason=reason, client_ip=client_ip)
    except ApiError as refused:
        outcome.code, outcome.message = refused.code, refused.message[:500]
    except Permit.DoesNotExist:
        outcome.code, outcome.message = "not_found", "The permit is no longer in your projects."
    except Exception:  # one permit's failure must not leave the rest of the area working
        log.exception("area suspension %s could not suspend permit %s", record.pk, permit_id)
        outcome.code, outcome.message = "error", "The permit could not be suspended (server error); suspend it alone."
    else:
        outcome.suspended = True
    return outcome

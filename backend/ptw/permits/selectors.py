"""Reads: scoped permit querysets, readiness, allowed actions, timeline and tasks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.accounts.policies import projects_for
from ptw.permits.choices import Action, TaskState
from ptw.permits.models import GasTest, Permit, PermitEvent, PermitSignature, PermitTask
from ptw.permits.policies import actor_missing, permits_visible_to
from ptw.permits.services.signatures import permit_content_hash
from ptw.permits.services.transitions import permit_evaluate, status_missing
from ptw.permits.workflow import USER_ACTIONS

LIST_RELATED = ("permit_type", "requester", "verifier", "issuer", "named_verifier")


def permit_list(user: User) -> QuerySet[Permit]:
    return permits_visible_to(user).select_related(*LIST_RELATED)


def permit_get(user: User, permit_id: int) -> Permit:
    """The permit if it is in the caller's scope (else Permit.DoesNotExist → 404)."""
    return permit_list(user).select_related("project").get(pk=permit_id)


def allowed_actions(user: User, permit: Permit) -> list[str]:
    """Actions this user could take from this status (guards aside: readiness explains those)."""
    return [a for a in USER_ACTIONS if not status_missing(permit, a) and not actor_missing(user, permit, a)]


def readiness(user: User, permit: Permit) -> dict[str, Any]:
    now = timezone.now()
    actions = {}
    for action in USER_ACTIONS:
        missing = permit_evaluate(permit, user, action, now)
        actions[action] = {"allowed": not missing, "missing": [m.as_dict() for m in missing]}
    ptype = permit.permit_type.effective(permit.project_id)
    return {
        "permit_id": permit.id,
        "status": permit.status,
        "version": permit.version,
        "actions": actions,
        "can_verify": actions[Action.VERIFY]["allowed"],
        "can_approve": actions[Action.APPROVE]["allowed"],
        "can_activate": actions[Action.ACTIVATE]["allowed"],
        "can_complete": actions[Action.COMPLETE]["allowed"],
        "requires": {
            "gas_test": ptype.requires_gas_test,
            "isolation": ptype.requires_isolation,
            "toolbox_talk": ptype.requires_toolbox_talk,
            "closeout": ptype.requires_closeout,
            "deisolation": ptype.requires_isolation,
        },
    }


def permit_events(permit: Permit) -> QuerySet[PermitEvent]:
    return PermitEvent.objects.filter(permit_id=permit.id).select_related("actor").order_by("seq")


def signatures_of(permit: Permit) -> list[dict[str, Any]]:
    """Each signature with whether it still vouches for the permit's current content, and why not."""
    current = permit_content_hash(permit)
    rows = []
    for sig in PermitSignature.objects.filter(permit=permit).select_related("signer"):
        reason = sig.void_reason or ("" if sig.content_hash == current else "permit content changed after signing")
        rows.append(
            {
                "id": sig.id,
                "action": sig.action,
                "signer": {"id": sig.signer.id, "name": sig.signer.name},
                "role": sig.role,
                "method": sig.method,
                "signed_at": sig.signed_at,
                "content_hash": sig.content_hash,
                "valid": not reason,
                "voided_at": sig.voided_at,
                "void_reason": reason,
            }
        )
    return rows


def gas_tests_of(permit: Permit) -> QuerySet[GasTest]:
    return GasTest.objects.filter(permit=permit).select_related("tested_by").order_by("-tested_at", "-id")


def tasks_for(user: User) -> QuerySet[PermitTask]:
    return (
        PermitTask.objects.filter(assignee=user, state=TaskState.OPEN, permit__in=permits_visible_to(user))
        .select_related("permit")
        .order_by("-created_at", "-id")
    )


def day_range_q(user: User, field: str, first: date | None, last: date | None) -> Q:
    """`field` within whole days [first, last] in each visible project's own time zone."""
    clauses = Q()
    for project in projects_for(user).only("id", "time_zone"):
        clauses |= Q(project_id=project.id) & _bounds(project, field, first, last)
    return clauses if clauses else Q(pk__in=[])


def _bounds(project: Project, field: str, first: date | None, last: date | None) -> Q:
    q = Q()
    if first:
        q &= Q(**{f"{field}__gte": datetime.combine(first, time.min, tzinfo=project.tz)})
    if last:
        q &= Q(**{f"{field}__lt": datetime.combine(last + timedelta(days=1), time.min, tzinfo=project.tz)})
    return q

"""The closeout (hand-back) of a permit: checklist answers, remarks and the record that work has finished.

A PUT sets the fields it names; answers merge item by item. A permit without a closeout row has
version 1, so its first write creates the row at version 2 and every write raises it by one.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.core.versioning import check_version
from ptw.permits.models import Permit, PermitCloseout
from ptw.permits.policies import performer_missing
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.workflow import CLOSEOUT_OPEN


def _answer_changes(
    closeout: PermitCloseout, answers: dict[str, dict[str, Any]], actor: User, at: str
) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    stored = dict(closeout.answers)
    for key, answer in answers.items():
        new = {"done": answer["done"], "comment": answer.get("comment", "")}
        previous = stored.get(key)
        old = {"done": previous["done"], "comment": previous["comment"]} if previous else None
        if old != new:
            stored[key] = {**new, "answered_by": actor.id, "answered_at": at}
            changes[f"answers.{key}"] = [old, new]
    closeout.answers = stored
    return changes


def _check_keys(permit: Permit, answers: dict[str, Any]) -> None:
    items = {item["key"] for item in permit.permit_type.effective(permit.project_id).closeout_checklist}
    unknown = sorted(set(answers) - items)
    if unknown:
        raise InvalidInput(
            fields={"answers": [f"Not items of this permit's closeout checklist: {', '.join(unknown)}."]}
        )


def closeout_save(
    *,
    actor: User,
    permit_id: int,
    expected_version: int,
    data: dict[str, Any],
    client_ip: str | None = None,
    taken_against: int | None = None,
) -> PermitCloseout | None:
    """Record closeout answers, remarks and work finished (a stale version: VersionConflict with the permit).

    Returns the closeout, or None when nothing changed (nothing is written then).
    """
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id, taken_against=taken_against)
        if blocked := performer_missing(actor, permit):
            raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])
        if permit.status not in CLOSEOUT_OPEN:
            raise Conflict(
                f"The closeout is recorded on active, suspended or expired permits; this one is {permit.status}.",
                code="closeout_not_open",
            )
        # The permit's row lock serialises every writer of its closeout.
        closeout = PermitCloseout.objects.filter(permit=permit).first() or PermitCloseout(permit=permit)
        check_version(closeout.version, expected_version, permit)
        _check_keys(permit, data.get("answers", {}))
        changes = _answer_changes(closeout, data.get("answers", {}), actor, now.isoformat())
        if "remarks" in data and data["remarks"] != closeout.remarks:
            changes["remarks"] = [closeout.remarks, data["remarks"]]
            closeout.remarks = data["remarks"]
        if "work_finished" in data and data["work_finished"] != closeout.work_finished:
            if not data["work_finished"]:
                raise Conflict(
                    "Work was recorded as finished; that record cannot be withdrawn.", code="work_finished_recorded"
                )
            changes["work_finished"] = [False, True]
            closeout.work_finished, closeout.work_finished_at, closeout.work_finished_by = True, now, actor
        if not changes:
            return closeout if closeout.pk else None
        closeout.updated_by, closeout.updated_at = actor, now
        closeout.version += 1
        closeout.save()
        event_note(
            permit,
            action="closeout",
            actor=actor,
            at=now,
            comment=_summary(changes),
            changes=changes,
            client_ip=client_ip,
        )
    return closeout


def _summary(changes: dict[str, list[Any]]) -> str:
    parts = []
    answered = sum(1 for key in changes if key.startswith("answers."))
    if answered:
        parts.append(f"{answered} checklist item{'s' if answered != 1 else ''} answered")
    if "remarks" in changes:
        parts.append("remarks changed")
    if "work_finished" in changes:
        parts.append("work recorded as finished")
    return "Closeout: " + "; ".join(parts) + "."

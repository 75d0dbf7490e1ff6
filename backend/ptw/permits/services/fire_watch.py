"""The fire watch after hot work: the performing side records when the hot work ended and who keeps the watch;
the keeper signs it off once the type's fire-watch time has run. Accepting the hand-back waits for both.

A permit without a fire watch row has version 1, so its first write creates the row at version 2.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.core.versioning import check_version
from ptw.permits.guards import fire_watch_ends_at
from ptw.permits.models import FireWatch, Permit
from ptw.permits.policies import fire_watch_record_missing, fire_watch_sign_off_missing
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.workflow import CLOSEOUT_OPEN, FIRE_WATCH_SIGN_OFF_OPEN


def _forbid(blocked: list[Any]) -> None:
    if blocked:
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])


def _keeper(permit: Permit, keeper_id: int) -> User:
    keeper = User.objects.filter(pk=keeper_id, tenant_id=permit.project.tenant_id, is_active=True).first()
    if keeper is None:
        raise InvalidInput(fields={"keeper_id": ["No such person on this project."]})
    return keeper


def _check_end(permit: Permit, ended_at: datetime, now: datetime) -> None:
    if ended_at > now:
        raise InvalidInput(fields={"hot_work_ended_at": ["The hot work's end cannot be in the future."]})
    # The end is given to the minute: it may fall in the minute the work started.
    if permit.actual_start is not None and ended_at < permit.actual_start.replace(second=0, microsecond=0):
        raise InvalidInput(fields={"hot_work_ended_at": ["The hot work cannot end before the work started."]})


def fire_watch_minutes(permit: Permit) -> int:
    return int(permit.permit_type.effective(permit.project_id).fire_watch_minutes)


def fire_watch_save(
    *,
    actor: User,
    permit_id: int,
    expected_version: int,
    data: dict[str, Any],
    client_ip: str | None = None,
    taken_against: int | None = None,
) -> FireWatch:
    """Record (or correct) when the hot work ended and who keeps the fire watch. A correction restarts the watch:
    an earlier sign-off is void."""
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id, taken_against=taken_against)
        keeper = _keeper(permit, data["keeper_id"])
        _forbid(fire_watch_record_missing(actor, permit, keeper))
        if not permit.permit_type.effective(permit.project_id).requires_fire_watch:
            raise Conflict("This permit's type keeps no fire watch.", code="fire_watch_not_required")
        if permit.status not in CLOSEOUT_OPEN:
            raise Conflict(
                f"The fire watch is recorded on active, suspended or expired permits; this one is {permit.status}.",
                code="closeout_not_open",
            )
        watch = FireWatch.objects.filter(permit=permit).first()
        check_version(watch.version if watch else 1, expected_version, permit)
        ended_at = data["hot_work_ended_at"]
        _check_end(permit, ended_at, now)
        if watch is None:
            watch = FireWatch(permit=permit, hot_work_ended_at=ended_at, keeper=keeper, version=1)
            changes: dict[str, list[Any]] = {
                "hot_work_ended_at": [None, ended_at.isoformat()],
                "keeper": [None, keeper.id],
            }
        else:
            changes = {}
            if watch.hot_work_ended_at != ended_at:
                changes["hot_work_ended_at"] = [watch.hot_work_ended_at.isoformat(), ended_at.isoformat()]
            if watch.keeper_id != keeper.id:
                changes["keeper"] = [watch.keeper_id, keeper.id]
            if not changes:
                return watch
            watch.hot_work_ended_at, watch.keeper = ended_at, keeper
            watch.signed_off_at, watch.sign_off_remarks = None, ""
        watch.recorded_by, watch.recorded_at = actor, now
        watch.version += 1
        watch.save()
        local_end = ended_at.astimezone(permit.project.tz).strftime("%H:%M")
        event_note(
            permit,
            action="fire_watch",
            actor=actor,
            at=now,
            comment=f"Hot work ended at {local_end}; fire watch kept by {keeper.name} for "
            f"{fire_watch_minutes(permit)} min.",
            changes=changes,
            client_ip=client_ip,
        )
    return watch


def fire_watch_sign_off(*, actor: User, permit_id: int, remarks: str = "", client_ip: str | None = None) -> FireWatch:
    """The keeper signs the fire watch off once its time has run, while the hand-back waits for acceptance."""
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        watch = FireWatch.objects.select_for_update().filter(permit=permit).first()
        if watch is None:
            raise Conflict("No fire watch is recorded on this permit.", code="fire_watch_missing")
        _forbid(fire_watch_sign_off_missing(actor, permit, watch.keeper_id))
        if permit.status not in FIRE_WATCH_SIGN_OFF_OPEN:
            raise Conflict("The fire watch is signed off once the permit is handed back.", code="invalid_transition")
        if watch.signed_off_at is not None:
            raise Conflict("The fire watch is already signed off.", code="fire_watch_signed_off")
        ends_at = fire_watch_ends_at(watch, fire_watch_minutes(permit))
        if now < ends_at:
            raise Conflict(
                f"The fire watch runs until {ends_at.astimezone(permit.project.tz).strftime('%H:%M')}.",
                code="fire_watch_running",
            )
        watch.signed_off_at, watch.sign_off_remarks = now, remarks.strip()
        watch.version += 1
        watch.save()
        event_note(
            permit,
            action="fire_watch_signed_off",
            actor=actor,
            at=now,
            comment=watch.sign_off_remarks or "Fire watch kept and signed off.",
            client_ip=client_ip,
        )
    return watch

"""The toolbox talk of a permit: who held it, when and on which topics.

A PUT sets the fields it names (the first must name `held_at` and `topics`). A permit without a
talk has version 1, so the first write creates it at version 2. Moving the talk to another time or
changing its topics voids the workers' acknowledgements: they acknowledged another talk.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import User
from ptw.accounts.policies import role_in
from ptw.core.errors import InvalidInput
from ptw.core.versioning import check_version
from ptw.permits.models import Permit, PermitWorker, ToolboxTalk
from ptw.permits.services.events import event_note
from ptw.permits.services.workers import crew_permit_locked

FUTURE_TOLERANCE = timedelta(minutes=5)
_VOIDING = ("held_at", "topics")


def _held_by(permit: Permit, user_id: int) -> User:
    user = User.objects.filter(pk=user_id, tenant_id=permit.project.tenant_id, is_active=True).first()
    if user is None or role_in(user, permit.project_id) in (None, MembershipRole.VIEWER):
        raise InvalidInput(fields={"held_by": ["Not an acting member of this permit's project."]})
    return user


def _values(permit: Permit, talk: ToolboxTalk, data: dict[str, Any], actor: User) -> dict[str, Any]:
    if talk.pk is None:
        absent = [name for name in ("held_at", "topics") if name not in data]
        if absent:
            raise InvalidInput(fields={name: ["Required to record the toolbox talk."] for name in absent})
    values = dict(data)
    if "held_at" in values and values["held_at"] > timezone.now() + FUTURE_TOLERANCE:
        raise InvalidInput(fields={"held_at": ["A toolbox talk cannot be held in the future."]})
    if "held_by" in values:
        values["held_by"] = _held_by(permit, values["held_by"])
    elif talk.pk is None:
        values["held_by"] = actor
    return values


def _shown(name: str, value: Any) -> Any:
    if name == "held_by":
        return {"id": value.id, "name": value.name} if value is not None else None
    if name == "held_at":
        return value.isoformat() if value is not None else None
    return value


def toolbox_talk_save(
    *,
    actor: User,
    permit_id: int,
    expected_version: int,
    data: dict[str, Any],
    client_ip: str | None = None,
    taken_against: int | None = None,
) -> ToolboxTalk | None:
    """Record or correct the toolbox talk; returns None when nothing changed (nothing is written then)."""
    now = timezone.now()
    with transaction.atomic():
        permit = crew_permit_locked(actor, permit_id, taken_against=taken_against)
        talk = ToolboxTalk.objects.filter(permit=permit).select_related("held_by").first() or ToolboxTalk(permit=permit)
        check_version(talk.version, expected_version, permit)
        values = _values(permit, talk, data, actor)
        changes: dict[str, list[Any]] = {}
        for name, value in values.items():
            old = getattr(talk, name) if talk.pk or name != "held_by" else None
            if old != value:
                changes[name] = [_shown(name, old), _shown(name, value)]
                setattr(talk, name, value)
        if not changes:
            return talk if talk.pk else None
        voided = 0
        if talk.pk and any(name in changes for name in _VOIDING):
            voided = PermitWorker.objects.filter(permit=permit, acknowledged_at__isnull=False).update(
                acknowledged_at=None, acknowledged_by=None, version=F("version") + 1
            )
        comment = "Toolbox talk recorded." if talk.pk is None else "Toolbox talk changed."
        if voided:
            changes["acknowledgements_voided"] = [voided, 0]
            comment += f" {voided} acknowledgement{'s' if voided != 1 else ''} voided: the workers acknowledge again."
        talk.updated_by, talk.updated_at = actor, now
        talk.version += 1
        talk.save()
        event_note(
            permit,
            action="toolbox_talk",
            actor=actor,
            at=now,
            comment=comment,
            changes=changes,
            client_ip=client_ip,
        )
    return talk

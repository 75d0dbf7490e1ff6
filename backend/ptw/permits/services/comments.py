"""Comments on a permit: a line on its timeline from someone on site or in the office."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import User
from ptw.accounts.policies import role_in
from ptw.core.errors import Forbidden, InvalidInput
from ptw.permits.models import PermitEvent
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked

FUTURE_TOLERANCE = timedelta(minutes=5)
# A device keeps what it could not send; after a day the comment is no longer news.
MAX_DELAY = timedelta(hours=24)


def _written_at(value: datetime | None, now: datetime) -> datetime | None:
    if value is None:
        return None
    if value > now + FUTURE_TOLERANCE:
        raise InvalidInput(fields={"written_at": ["A comment cannot be written in the future."]})
    if value < now - MAX_DELAY:
        raise InvalidInput(fields={"written_at": ["A comment written more than 24 hours ago is no longer taken."]})
    return value


def comment_add(*, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None) -> PermitEvent:
    """Add a comment to the permit's timeline.

    1. Lock the permit (refused if the comment was written against a version the permit has left).
    2. Viewers only read: they cannot comment.
    3. Check when it was written on the device (not in the future, not more than 24 h ago).
    4. Append it to the hash-chained timeline, with the device's time when it differs from now.
    """
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id, taken_against=data.get("permit_version"))
        if role_in(actor, permit.project_id) in (None, MembershipRole.VIEWER):
            raise Forbidden("Viewers cannot comment on permits.")
        written_at = _written_at(data.get("written_at"), now)
        return event_note(
            permit,
            action="comment",
            actor=actor,
            at=now,
            comment=data["text"],
            changes={"written_at": [None, written_at.isoformat()]} if written_at is not None else {},
            client_ip=client_ip,
        )

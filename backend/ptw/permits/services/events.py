"""The hash-chained timeline: append an event (its hash links it to the one before, see `permits/chain.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ptw.accounts.models import User
from ptw.core.request_context import get_request_id
from ptw.permits.chain import GENESIS, event_hash
from ptw.permits.models import Permit, PermitEvent


def event_append(
    permit: Permit,
    *,
    action: str,
    actor: User | None,
    at: datetime,
    from_status: str = "",
    to_status: str = "",
    comment: str = "",
    changes: dict[str, Any] | None = None,
    client_ip: str | None = None,
) -> PermitEvent:
    """Append one event; the caller holds the permit's row lock, so `seq` cannot race."""
    last = PermitEvent.objects.filter(permit_id=permit.id).order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    event = PermitEvent(
        project_id=permit.project_id,
        permit_id=permit.id,
        seq=seq,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        at=at,
        comment=comment,
        changes=changes or {},
        request_id=get_request_id() if get_request_id() != "-" else "",
        client_ip=client_ip,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(event)
    event.save()
    return event


def event_note(permit: Permit, *, action: str, actor: User | None, at: datetime, **details: Any) -> PermitEvent:
    """Append an event that records something about the permit without moving its status (a gas test, an
    isolation step, a worker, an extension…); `details` as for `event_append` (comment, changes, client_ip)."""
    return event_append(
        permit, action=action, actor=actor, at=at, from_status=permit.status, to_status=permit.status, **details
    )

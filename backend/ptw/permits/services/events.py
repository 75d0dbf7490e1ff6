"""The hash-chained timeline: append an event, verify a permit's chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ptw.accounts.models import User
from ptw.core.request_context import get_request_id
from ptw.permits.models import Permit, PermitEvent

GENESIS = "0" * 64


def event_hash(event: PermitEvent) -> str:
    """SHA-256 over the event's content and the previous event's hash (canonical JSON)."""
    content = {
        "permit": event.permit_id,
        "project": event.project_id,
        "seq": event.seq,
        "action": event.action,
        "from": event.from_status,
        "to": event.to_status,
        "actor": event.actor_id,
        "at": event.at.isoformat(),
        "comment": event.comment,
        "changes": event.changes,
        "request_id": event.request_id,
        "client_ip": event.client_ip,
        "prev": event.prev_hash,
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


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


@dataclass(frozen=True)
class ChainReport:
    valid: bool
    events: int
    broken_at: int | None = None
    reason: str = ""


def event_note(permit: Permit, *, action: str, actor: User | None, at: datetime, **details: Any) -> PermitEvent:
    """Append an event that records something about the permit without moving its status (a gas test, an
    isolation step, a worker, an extension…); `details` as for `event_append` (comment, changes, client_ip)."""
    return event_append(
        permit, action=action, actor=actor, at=at, from_status=permit.status, to_status=permit.status, **details
    )


def chain_verify(permit_id: int) -> ChainReport:
    """Recompute every hash in order; report the first event whose content or link was altered."""
    prev = GENESIS
    events = list(PermitEvent.objects.filter(permit_id=permit_id).order_by("seq"))
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            return ChainReport(False, len(events), event.seq, f"sequence gap before #{event.seq}")
        if event.prev_hash != prev:
            return ChainReport(False, len(events), event.seq, "link to the previous event broken")
        if event_hash(event) != event.hash:
            return ChainReport(False, len(events), event.seq, "content does not match its hash")
        prev = event.hash
    return ChainReport(True, len(events))

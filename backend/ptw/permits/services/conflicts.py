"""SIMOPS announcements and acknowledgements.

The issuer approving a permit (or deciding its extension) acknowledges its warned conflicts, recorded as
`SimopsAcknowledgement` rows and as an event on both permits' timelines (each chain appended under its row lock).
The issuers of both permits of a pair hear when their conflict appears or goes away, from the one function that
changes the permit, in its transaction; and the issuer of a permit in the way hears once when an act on the other
was refused by it."""

from __future__ import annotations

from datetime import datetime

from ptw.accounts.models import User
from ptw.core.outbox import outbox_add
from ptw.permits.missing import Missing
from ptw.permits.models import Permit, SimopsAcknowledgement
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.simops import Found, unacknowledged
from ptw.permits.snapshot import permit_snapshot

TOPIC = "permit.simops_conflict"
APPEARED = "permit.simops_conflict_appeared"
GONE = "permit.simops_conflict_gone"


def conflict_announce(
    permit: Permit,
    other: Permit,
    *,
    event: str,
    reason: str,
    key: str | None = None,
    topic: str = TOPIC,
    tenant_id: int | None = None,
) -> None:
    """Tell the issuer of `permit` that `other` conflicts with it (an outbox message; notifications read it)."""
    outbox_add(
        topic,
        tenant_id=tenant_id if tenant_id is not None else permit.project.tenant_id,
        project_id=permit.project_id,
        payload={
            "permit": permit_snapshot(permit),
            "other": f"{other.permit_number} ({other.title})",
            "other_id": other.id,
            "event": event,
            "reason": reason,
        },
        key=key,
    )


def conflicts_changed_announce(permit: Permit, before: list[Found], after: list[Found]) -> None:
    """`permit` (locked, its project loaded) changed: its conflicts were `before` and are `after` (both from
    `simops.conflicts_of`, in the same transaction). For each pair that appeared or went away, tell the issuer of
    each of the two permits that has one (an outbox message per issued permit; a permit not yet approved has no
    issuer to tell)."""
    was = {hit.other.id: hit for hit in before}
    now = {hit.other.id: hit for hit in after}
    changed = [(APPEARED, "appeared", hit) for other_id, hit in now.items() if other_id not in was]
    changed += [(GONE, "gone", hit) for other_id, hit in was.items() if other_id not in now]
    tenant_id = permit.project.tenant_id
    for topic, event, hit in sorted(changed, key=lambda change: change[2].other.id):
        for told, about in ((permit, hit.other), (hit.other, permit)):
            if told.issuer_id is not None:
                conflict_announce(told, about, event=event, reason=hit.reason, topic=topic, tenant_id=tenant_id)


def conflicts_refused_announce(permit_id: int, found: list[Found]) -> None:
    """An act on `permit_id` was refused by blocking conflicts: tell the issuers of the permits it conflicts with,
    once per pair (keyed in the outbox). Runs in its own transaction after the refused act rolled back."""
    permit = Permit.objects.select_related("project").filter(pk=permit_id).first()
    if permit is None:
        return
    for hit in found:
        if hit.refuses:
            key = f"simops-refused:{min(permit.id, hit.other.id)}:{max(permit.id, hit.other.id)}"
            conflict_announce(hit.other, permit, event="refused", reason=hit.reason, key=key)


def conflicts_to_acknowledge(found: list[Found]) -> list[Found]:
    return unacknowledged(found)


def acknowledgement_missing(warned: list[Found]) -> list[Missing]:
    return [
        Missing(
            "simops_unacknowledged",
            f"Acknowledge the conflict with {hit.other.permit_number} ({hit.other.title}): {hit.reason}. "
            "Approve with acknowledge_conflicts and a comment saying why the work is safe together.",
        )
        for hit in warned
    ]


def conflicts_acknowledge(
    permit: Permit, warned: list[Found], *, actor: User, comment: str, at: datetime, client_ip: str | None
) -> None:
    """Record the acknowledgement of each warned conflict of `permit` (locked by the caller) on both permits."""
    for hit in sorted(warned, key=lambda h: h.other.id):
        SimopsAcknowledgement.objects.create(
            permit=permit, other=hit.other, reason=hit.reason[:300], by=actor, at=at, comment=comment
        )
        text = f"SIMOPS conflict acknowledged with {{}}: {hit.reason}. {comment}"
        event_note(
            permit,
            action="simops_acknowledged",
            actor=actor,
            at=at,
            comment=text.format(hit.other.permit_number),
            changes={"other": hit.other.id, "effect": hit.effect},
            client_ip=client_ip,
        )
        other = permit_locked(None, hit.other.id)
        conflict_announce(other, permit, event="acknowledged", reason=hit.reason)
        event_note(
            other,
            action="simops_acknowledged",
            actor=actor,
            at=at,
            comment=text.format(permit.permit_number),
            changes={"other": permit.id, "effect": hit.effect},
            client_ip=client_ip,
        )

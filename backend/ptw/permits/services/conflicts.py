"""SIMOPS announcements and acknowledgements.

The issuer approving a permit (or deciding its extension) acknowledges its warned conflicts, recorded as
`SimopsAcknowledgement` rows and as an event on both permits' timelines (each chain appended under its row lock).
The issuers of both permits of a pair hear when their conflict appears or goes away, from the one function that
changes the permit (a transition, an extension, an isolation assigned or de-isolated) or the site configuration (a
location moved, the rules replaced), in its transaction; and the issuer of a permit in the way hears once when an
act on the other was refused by it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from ptw.accounts.models import User
from ptw.core.outbox import outbox_add
from ptw.permits.missing import Missing
from ptw.permits.models import Permit, SimopsAcknowledgement
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.simops import Found, conflicts_of, live_pairs, simops_lock, subject_of, unacknowledged
from ptw.permits.snapshot import permit_snapshot
from ptw.permits.workflow import LIVE

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
        _pair_announce(permit, hit.other, topic=topic, event=event, reason=hit.reason, tenant_id=tenant_id)


def _pair_announce(a: Permit, b: Permit, *, topic: str, event: str, reason: str, tenant_id: int) -> None:
    for told, about in ((a, b), (b, a)):
        if told.issuer_id is not None:
            conflict_announce(told, about, event=event, reason=reason, topic=topic, tenant_id=tenant_id)


@contextmanager
def conflicts_watched(permit: Permit) -> Iterator[None]:
    """Around an act that changes what `permit` (locked, its project loaded, the project's SIMOPS lock taken
    before its row) needs isolated or has de-isolated: announce the conflicts that appear or go away by it."""
    if permit.status not in LIVE:
        yield
        return
    before = conflicts_of(subject_of(permit), with_acknowledgements=False)
    yield
    conflicts_changed_announce(permit, before, conflicts_of(subject_of(permit), with_acknowledgements=False))


@contextmanager
def site_conflicts_watched(project_id: int, tenant_id: int) -> Iterator[None]:
    """Around a change of the project's site configuration (a location moved, the rules replaced), in its
    transaction: take the project's SIMOPS lock, pair its live permits before and after, and announce each pair
    that appeared or went away to the issuers of both."""
    simops_lock(project_id)
    before = live_pairs(project_id)
    yield
    after = live_pairs(project_id)
    changed = [(APPEARED, "appeared", after[key]) for key in after.keys() - before.keys()]
    changed += [(GONE, "gone", before[key]) for key in before.keys() - after.keys()]
    for topic, event, (a, b, reason) in sorted(changed, key=lambda change: (change[2][0].id, change[2][1].id)):
        _pair_announce(a, b, topic=topic, event=event, reason=reason, tenant_id=tenant_id)


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

"""The one way a write takes hold of a permit: scoped to the caller, row-locked to the transaction."""

from __future__ import annotations

from ptw.accounts.models import User
from ptw.core.errors import Conflict
from ptw.permits.models import Permit, plot_plans_unread
from ptw.permits.policies import permits_visible_to
from ptw.permits.simops import simops_lock


def permit_locked(actor: User | None, permit_id: int, *, taken_against: int | None = None) -> Permit:
    """The permit, locked until the transaction ends; outside the caller's scope it does not exist.

    `actor=None` is the system (expiry sweep, unsafe gas reading), which sees every permit.
    Writers of one permit queue here, so checks and writes below cannot interleave.
    `taken_against` is the permit version a field record was made against (a record queued on a
    device without signal): if the permit has changed since, the record is refused, never applied
    to a permit its maker did not see.
    """
    base = permits_visible_to(actor) if actor is not None else Permit.objects.all()
    permit = (
        base.select_for_update(of=("self",))
        .select_related(
            "project",
            "permit_type",
            "requester",
            "named_verifier",
            "verifier",
            "issuer",
            "location_node__area",
            "location_node__unit",
        )
        .defer(*plot_plans_unread("location_node__"))
        .get(pk=permit_id)
    )
    if taken_against is not None and taken_against != permit.version:
        raise Conflict(
            f"This record was made against version {taken_against} of the permit; the permit has changed "
            f"since (it is now {permit.status}, version {permit.version}). Check the permit and record it again.",
            code="permit_moved_on",
            extra={"permit": {"status": permit.status, "version": permit.version}},
        )
    return permit


def simops_locked(permit_id: int) -> None:
    """Take the permit's project's SIMOPS lock (`simops.simops_lock`) before any permit row: the acts that check
    conflicts queue here, so the one that issues a permit commits before the next one looks."""
    project_id = Permit.objects.filter(pk=permit_id).values_list("project_id", flat=True).first()
    if project_id is not None:
        simops_lock(project_id)

"""The one way a write takes hold of a permit: scoped to the caller, row-locked to the transaction."""

from __future__ import annotations

from ptw.accounts.models import User
from ptw.permits.models import Permit
from ptw.permits.policies import permits_visible_to


def permit_locked(actor: User | None, permit_id: int) -> Permit:
    """The permit, locked until the transaction ends; outside the caller's scope it does not exist.

    `actor=None` is the system (expiry sweep, unsafe gas reading), which sees every permit.
    Writers of one permit queue here, so checks and writes below cannot interleave.
    """
    base = permits_visible_to(actor) if actor is not None else Permit.objects.all()
    return (
        base.select_for_update(of=("self",))
        .select_related("project", "permit_type", "requester", "named_verifier", "verifier", "issuer")
        .get(pk=permit_id)
    )

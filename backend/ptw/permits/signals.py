"""What other apps may follow of a permit's life without the permits app knowing them.

`permit_changed` is sent inside the transaction of every write that changes a permit's own row (create, edit,
delete, status change, extension), after the write: `before` is a copy of the permit as it was (None when it is
created), `after` the permit as it is now (None when it is deleted). A receiver that raises rolls the write back,
so what it maintains (the report rollups) never disagrees with the permits.
"""

from __future__ import annotations

from copy import copy

from django.dispatch import Signal

from ptw.permits.models import Permit

permit_changed = Signal()


def permit_as_was(permit: Permit) -> Permit:
    """A detached copy of the permit's fields as they are now, to send as `before` once it has changed."""
    return copy(permit)


def permit_changed_send(before: Permit | None, after: Permit | None) -> None:
    permit_changed.send(sender=Permit, before=before, after=after)

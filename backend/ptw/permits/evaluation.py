"""The reads that decide whether an action may be taken: the status, the actor and the guards. No writes.

`permit_transition` checks the same in the same order before it writes; readiness and the expiry sweep ask here.
"""

from __future__ import annotations

from datetime import datetime

import ptw.permits.competency  # noqa: F401  (registers the competency guards)
from ptw.accounts.models import User
from ptw.permits.guards import GuardContext, run_guards
from ptw.permits.missing import Missing
from ptw.permits.models import Permit
from ptw.permits.policies import actor_missing
from ptw.permits.workflow import TERMINAL, a_permit, transition_for


def status_missing(permit: Permit, action: str) -> list[Missing]:
    t = transition_for(action)
    if permit.status in t.sources:
        return []
    return [Missing("invalid_status", f"{a_permit(permit.status)} cannot be {t.past}.")]


def permit_evaluate(
    permit: Permit, actor: User | None, action: str, now: datetime, ctx: GuardContext | None = None
) -> list[Missing]:
    """Everything that stops `actor` taking `action` now, in the order the action checks it. Pass one `ctx`
    to evaluate several actions of the same permit at the same moment on one read of its records.

    A permit that has ended (completed or cancelled) takes no action again: its status and the actor are all that
    is said, no guard is run (what they would find missing of a closed permit's records is no step anyone can
    take, and reading them cost a readiness of a closed hot-work permit five queries)."""
    missing = status_missing(permit, action) + actor_missing(actor, permit, action)
    if permit.status in TERMINAL:
        return missing
    ctx = ctx or GuardContext(
        permit=permit, permit_type=permit.permit_type.effective(permit.project_id), now=now, actor=actor
    )
    return missing + run_guards(transition_for(action).guards, ctx)

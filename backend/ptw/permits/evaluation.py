"""The reads that decide whether an action may be taken: the status, the actor and the guards. No writes.

`permit_transition` checks the same in the same order before it writes; readiness and the expiry sweep ask here.
"""

from __future__ import annotations

from datetime import datetime

from ptw.accounts.models import User
from ptw.permits.competency import RECORD_GUARDS
from ptw.permits.guards import REGISTRY, GuardContext, run_guards
from ptw.permits.missing import Missing
from ptw.permits.models import Permit
from ptw.permits.policies import actor_missing, gas_test_actor_missing, isolation_actor_missing
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

    An action the permit's status does not take (a permit that has ended takes none) is refused on its status before
    anything is weighed, as `permit_transition` refuses it: its status and the actor are all that is said, no guard is
    run. What a guard would find missing for it is no step anyone can take from this status, and reading the permit's
    records for it cost every readiness: a rejected lifting permit read its isolations, conflicts, toolbox talk and
    crew for actions it cannot take: 6 queries, now 2."""
    missing = status_missing(permit, action)
    if missing:
        return missing + actor_missing(actor, permit, action)
    missing = actor_missing(actor, permit, action)
    ctx = ctx or GuardContext(
        permit=permit, permit_type=permit.permit_type.effective(permit.project_id), now=now, actor=actor
    )
    return missing + run_guards(transition_for(action).guards, ctx)


# What a permit that has ended says of each record (`RECORD_GUARDS`): none is made on it any more. Its applied
# isolations are still removed (de-isolation is not guarded by a competency, and its service allows it).
ENDED_REFUSALS: dict[str, str] = {
    "gas_test": "A {status} permit takes no more gas tests.",
    "isolate": "A {status} permit's isolations are no longer applied or verified.",
    "verify_isolation": "A {status} permit's isolations are no longer applied or verified.",
}


# The isolation steps that are records a competency guards (`ISOLATION_STEP_FROM` step → `RECORD_GUARDS` record).
ISOLATION_RECORDS: dict[str, str] = {"isolate": "isolate", "verify": "verify_isolation"}
ISOLATION_STEPS: dict[str, str] = {record: step for step, record in ISOLATION_RECORDS.items()}


def record_status_missing(permit: Permit, record: str) -> list[Missing]:
    """Whether the permit's status takes `record`: a gas test, applying or verifying an isolation are made only on a
    permit that has not ended."""
    if permit.status in TERMINAL:
        return [Missing("invalid_status", ENDED_REFUSALS[record].format(status=permit.status))]
    return []


def record_evaluate(ctx: GuardContext, record: str) -> list[Missing]:
    """Everything that stops the acting user making `record` (`RECORD_GUARDS`: a gas test, applying or verifying an
    isolation) on the permit now, as its service checks it: the permit's status, the user's role, and, when both let
    them, the competency guard. Readiness reports it; the services raise their own errors on the same rules."""
    permit, actor = ctx.permit, ctx.actor
    assert actor is not None
    missing = record_status_missing(permit, record)
    if record == "gas_test":
        missing += gas_test_actor_missing(actor, permit)
    else:
        missing += isolation_actor_missing(actor, permit, ISOLATION_STEPS[record], None)
    return missing or REGISTRY[RECORD_GUARDS[record]](ctx)

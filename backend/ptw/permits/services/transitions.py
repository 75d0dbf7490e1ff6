"""The one way to change a permit's status.

lock the row → status → policy → input → guards → write → tasks → report rollups → timeline event → outbox →
the SIMOPS conflicts that appear (the permit becomes live) or go away (it leaves the live statuses), all in one
transaction. A refused hand-back returns the permit to the status it was handed back from.
`permits/evaluation.py` makes the same checks without writing (readiness, the sweep).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import ApiError, Forbidden, GuardFailed, InvalidInput
from ptw.core.outbox import outbox_add
from ptw.permits.choices import Action, ClosingMode, TaskKind
from ptw.permits.evaluation import permit_evaluate, status_missing
from ptw.permits.guards import GuardContext, run_guards
from ptw.permits.models import ObservationKind, Permit, SafetyObservation
from ptw.permits.policies import actor_missing
from ptw.permits.services.conflicts import (
    acknowledgement_missing,
    conflicts_acknowledge,
    conflicts_changed_announce,
    conflicts_refused_announce,
    conflicts_to_acknowledge,
)
from ptw.permits.services.content import named_verifier_resolve
from ptw.permits.services.documents import document_freeze
from ptw.permits.services.events import event_append
from ptw.permits.services.locking import permit_locked, simops_locked
from ptw.permits.services.signatures import signature_record, signature_validate, signatures_void
from ptw.permits.services.tasks import task_open_resubmit, tasks_close, tasks_open_for_step
from ptw.permits.signals import permit_as_was, permit_changed_send
from ptw.permits.simops import Found, conflicts_of, subject_of
from ptw.permits.snapshot import permit_snapshot
from ptw.permits.workflow import LIVE, Transition, transition_for

log = logging.getLogger(__name__)


class InvalidTransition(ApiError):
    status_code = 409
    code = "invalid_transition"


def _apply_effects(permit: Permit, action: str, actor: User | None, now: datetime) -> None:
    if action in (Action.SUBMIT, Action.RESUBMIT):
        permit.submitted_at, permit.verifier, permit.issuer = now, None, None
        permit.verified_at = permit.approved_at = None
    elif action == Action.WITHDRAW:
        permit.submitted_at = None
    elif action == Action.VERIFY:
        permit.verifier, permit.verified_at = actor, now
    elif action == Action.APPROVE:
        permit.issuer, permit.approved_at = actor, now
    elif action == Action.ACTIVATE and permit.actual_start is None:
        permit.actual_start = now
    elif action == Action.HAND_BACK:
        # The work ended when it was handed back; a refusal reopens it.
        permit.actual_end = now
    elif action == Action.REFUSE_HANDBACK:
        permit.actual_end = None
        permit.handed_back_from = ""
    elif action in (Action.COMPLETE, Action.CANCEL, Action.EXPIRE):
        permit.closed_at = now
        if action == Action.COMPLETE:
            permit.actual_end = permit.actual_end or now
            permit.handed_back_from = ""


def _update_tasks(permit: Permit, action: str, actor: User | None, reason: str) -> None:
    tasks_close(permit, actor)
    if action in (Action.SUBMIT, Action.RESUBMIT):
        tasks_open_for_step(permit, TaskKind.VERIFY)
    elif action == Action.VERIFY:
        tasks_open_for_step(permit, TaskKind.APPROVE)
    elif action == Action.REJECT:
        task_open_resubmit(permit, reason)
    elif action == Action.HAND_BACK:
        tasks_open_for_step(permit, TaskKind.ACCEPT_HANDBACK)


def permit_transition(
    *,
    permit_id: int,
    action: str,
    actor: User | None,
    comment: str = "",
    reason: str = "",
    verifier_id: int | None = None,
    signature: dict[str, str] | None = None,
    acknowledge_conflicts: bool = False,
    client_ip: str | None = None,
) -> Permit:
    """Take `action` on the permit as `actor` (None: the system). Raises the envelope's errors.

    An act that checks SIMOPS conflicts, or may move the permit into or out of the live statuses, first takes the
    project's SIMOPS lock; approving with warned conflicts needs
    `acknowledge_conflicts` and a comment, recorded on both permits."""
    t = transition_for(action)
    refused: list[Found] = []
    try:
        return _transition(
            t,
            permit_id=permit_id,
            action=action,
            actor=actor,
            comment=comment,
            reason=reason,
            verifier_id=verifier_id,
            signature=signature,
            acknowledge_conflicts=acknowledge_conflicts,
            client_ip=client_ip,
            refused=refused,
        )
    except GuardFailed:
        if refused:
            with transaction.atomic():
                conflicts_refused_announce(permit_id, refused)
        raise


def _transition(
    t: Transition,
    *,
    permit_id: int,
    action: str,
    actor: User | None,
    comment: str,
    reason: str,
    verifier_id: int | None,
    signature: dict[str, str] | None,
    acknowledge_conflicts: bool,
    client_ip: str | None,
    refused: list[Found],
) -> Permit:
    with transaction.atomic():
        if "simops" in t.guards or _crosses_live(t):
            simops_locked(permit_id)
        permit = permit_locked(actor, permit_id)
        now = timezone.now()
        if blocked := status_missing(permit, action):
            raise InvalidTransition(blocked[0].message, missing=[m.as_dict() for m in blocked])
        if blocked := actor_missing(actor, permit, action):
            raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])
        if t.needs_reason and not reason.strip():
            raise InvalidInput(fields={"reason": [f"A reason is required to {action} a permit."]})
        if actor is not None:
            signature_validate(action, actor, signature)
        if action in (Action.SUBMIT, Action.RESUBMIT) and verifier_id is not None and actor is not None:
            permit.named_verifier = named_verifier_resolve(permit.project, verifier_id, actor)
        ctx = GuardContext(
            permit=permit,
            permit_type=permit.permit_type.effective(permit.project_id),
            now=now,
            actor=actor,
            weigh_warnings=action == Action.APPROVE,
        )
        if blocked := run_guards(t.guards, ctx):
            if "simops" in t.guards:
                refused.extend(ctx.refusing)
            raise GuardFailed(missing=[m.as_dict() for m in blocked])
        warned = conflicts_to_acknowledge(ctx.conflicts) if action == Action.APPROVE else []
        if warned and not (acknowledge_conflicts and comment.strip()):
            raise GuardFailed(missing=[m.as_dict() for m in acknowledgement_missing(warned)])
        from_status, before = permit.status, permit_as_was(permit)
        permit.status = permit.handed_back_from if t.returns else t.target
        if action == Action.HAND_BACK:
            permit.handed_back_from = from_status
        _apply_effects(permit, action, actor, now)
        permit.version += 1
        permit.save()
        _update_tasks(permit, action, actor, reason.strip())
        if action == Action.RESUBMIT:
            signatures_void(permit, "permit resubmitted", now)
        if actor is not None and signature and t.signed:
            signature_record(permit, action, actor, signature, now)
        if action == Action.COMPLETE:
            _freeze_document(permit, now)
        if action == Action.EXPIRE and ctx.permit_type.closing_mode != ClosingMode.AUTOMATIC:
            SafetyObservation.objects.create(
                permit=permit,
                kind=ObservationKind.NOT_CLOSED_PROPERLY,
                message=f"PTW not closed properly: still {from_status} past its planned end and grace time.",
                observed_at=now,
            )
        permit_changed_send(before, permit)
        text = reason.strip() or comment.strip()
        event_append(
            permit,
            action=action,
            actor=actor,
            at=now,
            from_status=from_status,
            to_status=permit.status,
            comment=text,
            client_ip=client_ip,
        )
        if warned and actor is not None:
            conflicts_acknowledge(permit, warned, actor=actor, comment=comment.strip(), at=now, client_ip=client_ip)
        payload = permit_snapshot(permit)
        if t.needs_reason:
            payload["reason"] = text
        outbox_add(t.topic, tenant_id=permit.project.tenant_id, project_id=permit.project_id, payload=payload)
        _live_conflicts_announce(permit, was_live=from_status in LIVE)
    return permit


def _crosses_live(t: Transition) -> bool:
    """Whether the transition may move a permit into or out of the live statuses (its conflicts appear or go away:
    it takes the project's SIMOPS lock, so two such acts at the same moment each see the other's outcome)."""
    return not t.returns and any((source in LIVE) != (t.target in LIVE) for source in t.sources)


def _live_conflicts_announce(permit: Permit, *, was_live: bool) -> None:
    """A permit entering the live statuses brings its conflicts into being; one leaving them takes its conflicts
    away (between two live statuses the pairs stay: their windows and places did not move)."""
    if was_live == (permit.status in LIVE):
        return
    found = conflicts_of(subject_of(permit), with_acknowledgements=False)
    if was_live:
        conflicts_changed_announce(permit, found, [])
    else:
        conflicts_changed_announce(permit, [], found)


def _freeze_document(permit: Permit, now: datetime) -> None:
    """Store the printed permit as completed. A document that cannot be rendered must not stop a hand-back:
    the failure is logged and the permit stays printable on demand."""
    try:
        with transaction.atomic():
            document_freeze(permit, now)
    except Exception:
        log.exception("could not freeze the document of permit %s at completion", permit.pk)


def expire_due(now: datetime | None = None) -> list[int]:
    """The system's sweep: expire every permit past its end (plus grace); returns their ids."""
    now = now or timezone.now()
    expired = []
    candidates = Permit.objects.filter(
        status__in=transition_for(Action.EXPIRE).sources, planned_end__lt=now
    ).select_related("project", "permit_type")
    for permit in candidates:
        if permit_evaluate(permit, None, Action.EXPIRE, now):
            continue
        try:
            permit_transition(permit_id=permit.id, action=Action.EXPIRE, actor=None)
        except ApiError:
            continue  # changed meanwhile (e.g. completed); the next sweep looks again
        expired.append(permit.id)
    return expired

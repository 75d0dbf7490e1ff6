"""Time frames of a live permit: extensions of its planned end and shift handovers (product.md §2.2).

An extension is asked for by the requester or the verifier, with a new end and a reason, when the type's
closing mode is `manual_with_extension`; an issuer approves or rejects it; approval moves the planned end.
One may be pending at a time and at most the type's `max_extensions` approved. An extension reaching into
another shift window needs the controls re-confirmed and, for gas-tested types, a passing gas test taken
since the extension was asked for.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ptw.accounts.choices import Capability
from ptw.accounts.models import Project, User
from ptw.accounts.policies import pool_members
from ptw.core.errors import Conflict, Forbidden, GuardFailed, InvalidInput
from ptw.core.outbox import outbox_add
from ptw.core.versioning import locked_row
from ptw.permits.guards import GuardContext, required_gases, run_guards
from ptw.permits.missing import Missing
from ptw.permits.models import ExtensionStatus, GasTest, Permit, PermitExtension, PermitHandover
from ptw.permits.policies import (
    extension_decide_missing,
    extension_open_missing,
    extension_request_missing,
    handover_incoming_missing,
    handover_start_missing,
)
from ptw.permits.records import extension_counts
from ptw.permits.services.conflicts import (
    acknowledgement_missing,
    conflicts_acknowledge,
    conflicts_changed_announce,
    conflicts_to_acknowledge,
)
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked, simops_locked
from ptw.permits.services.tasks import task_announce, task_announce_closed
from ptw.permits.signals import permit_as_was, permit_changed_send
from ptw.permits.simops import Found, conflicts_of, refusals, subject_of
from ptw.permits.snapshot import permit_snapshot
from ptw.permits.workflow import EXTENDABLE, HANDOVER_OPEN, a_permit

SHIFT_STEP = timedelta(minutes=15)


def _refuse(blocked: list[Missing]) -> None:
    if blocked:
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])


def shift_at(project: Project, moment: datetime) -> str | None:
    """The name of the project's shift window holding `moment` (site time), None between shifts."""
    local = moment.astimezone(project.tz).time()
    for name, window in (project.shifts or {}).items():
        start, end = time.fromisoformat(window["start"]), time.fromisoformat(window["end"])
        inside = start <= local < end if start < end else local >= start or local < end
        if inside:
            return str(name)
    return None


def crosses_shift(project: Project, start: datetime, end: datetime) -> bool:
    """Whether [start, end] reaches a shift window other than the one `start` lies in."""
    first = shift_at(project, start)
    moment = start
    while moment < end:
        moment = min(moment + SHIFT_STEP, end)
        current = shift_at(project, moment)
        if current is not None and current != first:
            return True
    return False


def extension_request(
    *, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None
) -> PermitExtension:
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        _refuse(extension_request_missing(actor, permit))
        ptype = permit.permit_type.effective(permit.project_id)
        approved, pending = extension_counts(permit)
        if blocked := extension_open_missing(permit, ptype.closing_mode, int(ptype.max_extensions), approved, pending):
            raise Conflict(blocked[0].message, code=blocked[0].code)
        new_end = data["new_end"]
        if new_end <= max(permit.planned_end, now):
            raise InvalidInput(fields={"new_end": ["Must be later than the current planned end and than now."]})
        if new_end - permit.planned_end > timedelta(hours=int(ptype.max_validity_hours)):
            raise InvalidInput(
                fields={"new_end": [f"An extension adds at most {ptype.max_validity_hours} h (the type's validity)."]}
            )
        try:
            with transaction.atomic():
                extension = PermitExtension.objects.create(
                    permit=permit,
                    requested_by=actor,
                    requested_at=now,
                    previous_end=permit.planned_end,
                    new_end=new_end,
                    reason=data["reason"].strip(),
                    crosses_shift=crosses_shift(permit.project, permit.planned_end, new_end),
                )
        except IntegrityError:
            raise Conflict("An extension of this permit is already waiting.", code="extension_pending") from None
        event_note(
            permit,
            action="extension_request",
            actor=actor,
            at=now,
            comment=extension.reason,
            changes={"planned_end": [permit.planned_end.isoformat(), new_end.isoformat()]},
            client_ip=client_ip,
        )
        deciders = [user.id for user in pool_members(permit.project, Capability.APPROVE)]
        task_announce(
            permit,
            "extension",
            [user_id for user_id in deciders if user_id not in (permit.requester_id, permit.verifier_id)],
            reason=extension.reason,
            new_end=new_end.isoformat(),
        )
    return extension


def _gas_retested(permit: Permit, ctx: GuardContext, since: datetime) -> list[Missing]:
    if not ctx.permit_type.requires_gas_test:
        return []
    stale = [
        gas
        for gas in required_gases(ctx.permit_type)
        if not GasTest.objects.filter(permit=permit, gas=gas, tested_at__gte=since).exists()
    ]
    missing = run_guards(("gas_test",), ctx)
    if stale:
        missing.append(
            Missing("gas_retest_required", f"The extension crosses into another shift: retest {', '.join(stale)}.")
        )
    return missing


def extension_decide(
    *,
    actor: User,
    permit_id: int,
    extension_id: int,
    approve: bool,
    reason: str = "",
    controls_reconfirmed: bool = False,
    acknowledge_conflicts: bool = False,
    comment: str = "",
    client_ip: str | None = None,
) -> PermitExtension:
    """Approve or reject a pending extension.

    Steps, in order: the project's SIMOPS lock (approving) → lock the permit and the extension → policy → still
    pending → input → (approving) the new window's checks: no refusing conflict, controls and gas retest across a
    shift, each warned conflict not yet acknowledged for this permit acknowledged (`acknowledge_conflicts` and a
    `comment`, as when approving the permit) → record the decision → move the planned end → timeline event → the
    acknowledgements on both permits' timelines → close the task → outbox → the SIMOPS conflicts the new window
    brings (or takes away), announced to the issuers concerned."""
    now = timezone.now()
    with transaction.atomic():
        if approve:
            simops_locked(permit_id)
        permit = permit_locked(actor, permit_id)
        extension = locked_row(PermitExtension.objects.filter(pk=extension_id, permit=permit))
        _refuse(extension_decide_missing(actor, permit))
        if extension.status != ExtensionStatus.PENDING:
            raise Conflict(f"This extension is {extension.status} already.", code="extension_decided")
        if not approve and not reason.strip():
            raise InvalidInput(fields={"reason": ["Give the reason for rejecting the extension."]})
        conflicts_were: list[Found] = []
        conflicts_now: list[Found] = []
        warned: list[Found] = []
        if approve:
            conflicts_now = _approval_checks(permit, extension, controls_reconfirmed, now)
            warned = conflicts_to_acknowledge(conflicts_now)
            if warned and not (acknowledge_conflicts and comment.strip()):
                raise GuardFailed(missing=[m.as_dict() for m in acknowledgement_missing(warned)])
            conflicts_were = conflicts_of(subject_of(permit), with_acknowledgements=False)
        extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
        extension.decided_by, extension.decided_at = actor, now
        extension.decision_reason, extension.controls_reconfirmed = reason.strip(), controls_reconfirmed
        extension.save()
        changes = None
        if approve:
            changes = {"planned_end": [permit.planned_end.isoformat(), extension.new_end.isoformat()]}
            before = permit_as_was(permit)
            permit.planned_end = extension.new_end
            permit.version += 1
            permit.save(update_fields=["planned_end", "version", "updated_at"])
            permit_changed_send(before, permit)
        event_note(
            permit,
            action="extension_approve" if approve else "extension_reject",
            actor=actor,
            at=now,
            comment=reason.strip(),
            changes=changes,
            client_ip=client_ip,
        )
        if warned:
            conflicts_acknowledge(permit, warned, actor=actor, comment=comment.strip(), at=now, client_ip=client_ip)
        task_announce_closed(permit, ["extension"], actor)
        if approve:
            outbox_add(
                "permit.extended",
                tenant_id=permit.project.tenant_id,
                project_id=permit.project_id,
                payload=permit_snapshot(permit),
            )
            conflicts_changed_announce(permit, conflicts_were, conflicts_now)
    return extension


def _approval_checks(permit: Permit, extension: PermitExtension, reconfirmed: bool, now: datetime) -> list[Found]:
    """Refuse the approval unless the permit may run to the new end; the conflicts of the new window."""
    if permit.status not in EXTENDABLE:
        raise Conflict(f"{a_permit(permit.status)} cannot be extended.", code="invalid_transition")
    if extension.previous_end != permit.planned_end:
        raise Conflict("The permit's planned end changed since this extension was asked for.", code="extension_stale")
    # The new window must not run into a blocking conflict (`permits/simops.py`).
    found = conflicts_of(subject_of(permit, end=extension.new_end))
    if missing := refusals(found):
        raise GuardFailed(missing=[m.as_dict() for m in missing])
    if not extension.crosses_shift:
        return found
    if not reconfirmed:
        raise InvalidInput(
            fields={"controls_reconfirmed": ["The extension crosses into another shift: re-confirm the controls."]}
        )
    ctx = GuardContext(permit=permit, permit_type=permit.permit_type.effective(permit.project_id), now=now)
    if missing := _gas_retested(permit, ctx, extension.requested_at):
        raise GuardFailed(missing=[m.as_dict() for m in missing])
    return found


def handover_start(
    *, actor: User, permit_id: int, incoming_id: int, notes: str, client_ip: str | None = None
) -> PermitHandover:
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        _refuse(handover_start_missing(actor, permit))
        if permit.status not in HANDOVER_OPEN:
            raise Conflict("Only an active permit is handed over between shifts.", code="invalid_transition")
        incoming = User.objects.filter(pk=incoming_id, tenant_id=permit.project.tenant_id, is_active=True).first()
        if incoming is None:
            raise InvalidInput(fields={"incoming_id": ["No such person on this project."]})
        if blocked := handover_incoming_missing(incoming, permit):
            raise InvalidInput(fields={"incoming_id": [blocked[0].message]})
        try:
            with transaction.atomic():
                handover = PermitHandover.objects.create(
                    permit=permit, outgoing=actor, incoming=incoming, notes=notes.strip(), handed_at=now
                )
        except IntegrityError:
            raise Conflict("A handover of this permit is already waiting.", code="handover_pending") from None
        event_note(
            permit,
            action="handover_start",
            actor=actor,
            at=now,
            comment=f"Handed over to {incoming.name}: {handover.notes}",
            client_ip=client_ip,
        )
        task_announce(permit, "handover", [incoming.id], reason=handover.notes)
    return handover


def handover_acknowledge(
    *, actor: User, permit_id: int, handover_id: int, client_ip: str | None = None
) -> PermitHandover:
    """The incoming performing authority acknowledges and takes the permit over."""
    now = timezone.now()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        handover = locked_row(PermitHandover.objects.filter(pk=handover_id, permit=permit))
        if handover.incoming_id != actor.id:
            raise Forbidden("Only the incoming performing authority acknowledges the handover.")
        if handover.acknowledged_at is not None:
            raise Conflict("This handover is acknowledged already.", code="handover_acknowledged")
        if permit.status not in HANDOVER_OPEN or permit.requester_id != handover.outgoing_id:
            raise Conflict("The permit changed since the handover began.", code="handover_stale")
        handover.acknowledged_at = now
        handover.save(update_fields=["acknowledged_at"])
        before = {"id": permit.requester_id, "name": permit.requester.name}
        permit.requester = actor
        permit.version += 1
        permit.save(update_fields=["requester", "version", "updated_at"])
        event_note(
            permit,
            action="handover_acknowledge",
            actor=actor,
            at=now,
            comment=f"{actor.name} took the permit over from {handover.outgoing.name}.",
            changes={"requester": [before, {"id": actor.id, "name": actor.name}]},
            client_ip=client_ip,
        )
        task_announce_closed(permit, ["handover"], actor)
    return handover

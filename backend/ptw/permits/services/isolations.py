"""Lockout/tagout on permits: apply, verify by another person, de-isolate once work stopped, and have another
person confirm the equipment reinstated."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.core.outbox import outbox_add
from ptw.core.versioning import locked_row
from ptw.permits.choices import IsolationStatus
from ptw.permits.competency import competency_refuse
from ptw.permits.evaluation import ISOLATION_RECORDS, record_status_missing
from ptw.permits.models import IsolationLock, IsolationPoint, Permit, PermitIsolation
from ptw.permits.policies import isolation_actor_missing
from ptw.permits.records import closeout_work_finished
from ptw.permits.services.conflicts import conflicts_watched
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked, simops_locked
from ptw.permits.snapshot import permit_snapshot
from ptw.permits.workflow import (
    ISOLATION_APPLIED,
    ISOLATION_REMOVED,
    ISOLATION_STEP_FROM,
    ISSUED,
    TERMINAL,
    deisolation_open,
)

S = IsolationStatus


class IsolationConflict(Conflict):
    code = "isolation_conflict"


def _may(actor: User, permit: Permit, step: str, isolation: PermitIsolation | None = None) -> None:
    if blocked := isolation_actor_missing(actor, permit, step, isolation):
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])


def _open(permit: Permit, record: str) -> None:
    """A permit that has ended has its isolations removed, never applied or verified (409)."""
    if blocked := record_status_missing(permit, record):
        raise Conflict(blocked[0].message, code="invalid_transition")


def _locked_isolation(permit: Permit, isolation_id: int) -> PermitIsolation:
    return locked_row(PermitIsolation.objects.filter(pk=isolation_id, permit=permit))


def _event(permit: Permit, actor: User, isolation: PermitIsolation, what: str, client_ip: str | None) -> None:
    locks = f" (locks {', '.join(isolation.lock_numbers)})" if isolation.lock_numbers else ""
    event_note(
        permit,
        action=f"isolation_{what}",
        actor=actor,
        at=timezone.now(),
        comment=f"{isolation.name}{locks}",
        client_ip=client_ip,
    )


def isolation_assign(
    *, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None
) -> PermitIsolation:
    with transaction.atomic():
        if data.get("point_id") is not None:
            simops_locked(permit_id)  # a library point may put the permit in conflict with one that released it
        permit = permit_locked(actor, permit_id)
        _may(actor, permit, "assign")
        if permit.status in TERMINAL:
            raise Conflict(f"A {permit.status} permit takes no new isolations.", code="invalid_transition")
        point = None
        if data.get("point_id") is not None:
            point = IsolationPoint.objects.filter(pk=data["point_id"], project_id=permit.project_id).first()
            if point is None:
                raise InvalidInput(fields={"point_id": ["No such isolation point on this project."]})
            if not point.is_active:
                raise InvalidInput(fields={"point_id": ["This isolation point is retired; choose another."]})
            if (
                PermitIsolation.objects.filter(permit=permit, point=point)
                .exclude(status__in=ISOLATION_REMOVED)
                .exists()
            ):
                raise InvalidInput(fields={"point_id": ["This point is already on the permit."]})
        elif not data.get("name") or not data.get("energy_type"):
            raise InvalidInput(fields={"point_id": ["Choose a library point, or give a name and energy type."]})
        with conflicts_watched(permit) if point is not None else nullcontext():
            isolation = PermitIsolation.objects.create(
                permit=permit,
                project_id=permit.project_id,
                point=point,
                name=point.name if point else data["name"],
                energy_type=point.energy_type if point else data["energy_type"],
                locks_required=point.locks_required if point else data.get("locks_required", 1),
            )
        _event(permit, actor, isolation, "assigned", client_ip)
    return isolation


def isolation_isolate(
    *, actor: User, permit_id: int, isolation_id: int, lock_numbers: list[str], client_ip: str | None = None
) -> PermitIsolation:
    numbers = [n.strip() for n in lock_numbers]
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        isolation = _locked_isolation(permit, isolation_id)
        _may(actor, permit, "isolate", isolation)
        record = ISOLATION_RECORDS["isolate"]
        _open(permit, record)
        competency_refuse(permit, actor, record, timezone.now())
        if isolation.status not in ISOLATION_STEP_FROM["isolate"]:
            raise IsolationConflict(f"The isolation is {isolation.status}; only an assigned one can be applied.")
        if len(numbers) != isolation.locks_required or len(set(numbers)) != len(numbers) or not all(numbers):
            raise InvalidInput(fields={"lock_numbers": [f"Give {isolation.locks_required} distinct lock numbers."]})
        try:
            with transaction.atomic():
                IsolationLock.objects.bulk_create(
                    [IsolationLock(project_id=permit.project_id, lock_number=n, isolation=isolation) for n in numbers]
                )
        except IntegrityError:
            used = list(
                IsolationLock.objects.filter(
                    project_id=permit.project_id, lock_number__in=numbers, live=True
                ).values_list("lock_number", flat=True)
            )
            raise Conflict(
                f"Lock {', '.join(used) or 'number'} is already on a live isolation.",
                code="lock_in_use",
                fields={"lock_numbers": [f"In use: {', '.join(used)}."]},
            ) from None
        isolation.status, isolation.lock_numbers = S.ISOLATED, numbers
        isolation.isolated_by, isolation.isolated_at = actor, timezone.now()
        isolation.version += 1
        isolation.save()
        _event(permit, actor, isolation, "isolated", client_ip)
    return isolation


def isolation_verify(
    *, actor: User, permit_id: int, isolation_id: int, client_ip: str | None = None
) -> PermitIsolation:
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        isolation = _locked_isolation(permit, isolation_id)
        _may(actor, permit, "verify", isolation)
        record = ISOLATION_RECORDS["verify"]
        _open(permit, record)
        competency_refuse(permit, actor, record, timezone.now())
        if isolation.status not in ISOLATION_STEP_FROM["verify"]:
            raise IsolationConflict(f"The isolation is {isolation.status}; only an applied one can be verified.")
        isolation.status, isolation.verified_by, isolation.verified_at = S.VERIFIED, actor, timezone.now()
        isolation.version += 1
        isolation.save()
        _event(permit, actor, isolation, "verified", client_ip)
        outbox_add(
            "isolation.verified",
            tenant_id=permit.project.tenant_id,
            project_id=permit.project_id,
            payload={"isolation": isolation.id, "name": isolation.name, "permit": permit_snapshot(permit)},
        )
    return isolation


def _work_stopped(permit: Permit) -> bool:
    return deisolation_open(permit.status, closeout_work_finished(permit))


def isolation_deisolate(
    *, actor: User, permit_id: int, isolation_id: int, client_ip: str | None = None
) -> PermitIsolation:
    with transaction.atomic():
        simops_locked(permit_id)  # a library point de-isolated conflicts with the permits that need it
        permit = permit_locked(actor, permit_id)
        isolation = _locked_isolation(permit, isolation_id)
        _may(actor, permit, "deisolate", isolation)
        if isolation.status not in ISOLATION_STEP_FROM["deisolate"]:
            raise IsolationConflict(f"The isolation is {isolation.status}; nothing to de-isolate.")
        if not _work_stopped(permit):
            raise IsolationConflict(
                "De-isolate only once work has stopped: record work finished in the closeout, or suspend the permit.",
                code="work_not_stopped",
            )
        if isolation.point_id:
            others = (
                PermitIsolation.objects.filter(
                    point_id=isolation.point_id, status__in=ISOLATION_APPLIED, permit__status__in=ISSUED
                )
                .exclude(permit=permit)
                .select_related("permit")
            )
            if others:
                numbers = ", ".join(sorted(o.permit.permit_number for o in others))
                raise IsolationConflict(f"The point still protects live permit(s) {numbers}.", code="point_in_use")
        IsolationLock.objects.filter(isolation=isolation, live=True).update(live=False)
        with conflicts_watched(permit) if isolation.point_id else nullcontext():
            isolation.status, isolation.deisolated_by, isolation.deisolated_at = S.DEISOLATED, actor, timezone.now()
            isolation.version += 1
            isolation.save()
        _event(permit, actor, isolation, "deisolated", client_ip)
        outbox_add(
            "isolation.deisolated",
            tenant_id=permit.project.tenant_id,
            project_id=permit.project_id,
            payload={"isolation": isolation.id, "name": isolation.name, "permit": permit_snapshot(permit)},
        )
    return isolation


def isolation_reinstate(
    *, actor: User, permit_id: int, isolation_id: int, tested: bool, note: str = "", client_ip: str | None = None
) -> PermitIsolation:
    """Confirm a de-isolated point's equipment is reinstated and tested, or record why it was not tested; never by
    the person who de-isolated it."""
    note = note.strip()
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        isolation = _locked_isolation(permit, isolation_id)
        _may(actor, permit, "reinstate", isolation)
        if isolation.status not in ISOLATION_STEP_FROM["reinstate"]:
            raise IsolationConflict(f"The isolation is {isolation.status}; only a de-isolated one is reinstated.")
        if permit.status in TERMINAL:
            raise Conflict(f"A {permit.status} permit's isolations no longer change.", code="invalid_transition")
        if not tested and not note:
            raise InvalidInput(fields={"note": ["Say why the equipment was not tested."]})
        isolation.status, isolation.reinstated_by, isolation.reinstated_at = S.REINSTATED, actor, timezone.now()
        isolation.reinstatement_tested, isolation.reinstatement_note = tested, note
        isolation.version += 1
        isolation.save()
        outcome = "tested" if tested else f"not tested: {note}"
        event_note(
            permit,
            action="isolation_reinstated",
            actor=actor,
            at=isolation.reinstated_at,
            comment=f"{isolation.name} ({outcome})",
            client_ip=client_ip,
        )
    return isolation

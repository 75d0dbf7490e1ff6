"""The crew on a permit: add workers and record each one's acknowledgement of the toolbox talk."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, NotFound
from ptw.permits.models import Permit, PermitWorker, ToolboxTalk
from ptw.permits.policies import performer_missing
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.workflow import CREW_OPEN

MAX_WORKERS = 200


def crew_permit_locked(actor: User, permit_id: int, *, taken_against: int | None = None) -> Permit:
    """Lock the permit for a crew or toolbox-talk write by its requester or issuer, while it is open."""
    permit = permit_locked(actor, permit_id, taken_against=taken_against)
    if blocked := performer_missing(actor, permit):
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])
    if permit.status not in CREW_OPEN:
        raise Conflict(f"The crew of a {permit.status} permit can no longer change.", code="crew_not_open")
    return permit


def _who(worker: PermitWorker) -> str:
    return f"{worker.name} ({worker.company})"


def worker_add(*, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None) -> PermitWorker:
    now = timezone.now()
    with transaction.atomic():
        permit = crew_permit_locked(actor, permit_id)
        crew = list(PermitWorker.objects.filter(permit=permit).values_list("name", "company"))
        if len(crew) >= MAX_WORKERS:
            raise Conflict(f"A permit has at most {MAX_WORKERS} workers.", code="too_many_workers")
        same = (data["name"].casefold(), data["company"].casefold())
        if any((name.casefold(), company.casefold()) == same for name, company in crew):
            raise Conflict(f"{data['name']} of {data['company']} is already on this permit.", code="worker_duplicate")
        worker = PermitWorker.objects.create(permit=permit, added_by=actor, added_at=now, **data)
        event_note(
            permit,
            action="worker_add",
            actor=actor,
            at=now,
            comment=f"Worker added: {_who(worker)}.",
            changes={"worker": [None, {"name": worker.name, "company": worker.company, "trade": worker.trade}]},
            client_ip=client_ip,
        )
    return worker


def worker_acknowledge(*, actor: User, permit_id: int, worker_id: int, client_ip: str | None = None) -> PermitWorker:
    """Record that the worker acknowledged the toolbox talk (recorded by the requester or issuer)."""
    now = timezone.now()
    with transaction.atomic():
        permit = crew_permit_locked(actor, permit_id)
        worker = PermitWorker.objects.filter(permit=permit, pk=worker_id).first()
        if worker is None:
            raise NotFound()
        if not ToolboxTalk.objects.filter(permit=permit).exists():
            raise Conflict(
                "Hold and record the toolbox talk before workers acknowledge it.", code="toolbox_talk_not_held"
            )
        if worker.acknowledged_at is not None:
            raise Conflict(f"{_who(worker)} has already acknowledged the toolbox talk.", code="already_acknowledged")
        worker.acknowledged_at, worker.acknowledged_by = now, actor
        worker.version += 1
        worker.save(update_fields=["acknowledged_at", "acknowledged_by", "version"])
        event_note(
            permit,
            action="worker_acknowledge",
            actor=actor,
            at=now,
            comment=f"{_who(worker)} acknowledged the toolbox talk.",
            changes={f"workers.{worker.id}.acknowledged_at": [None, now.isoformat()]},
            client_ip=client_ip,
        )
    return worker

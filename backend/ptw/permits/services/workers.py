"""The crew on a permit: add workers, and each worker signs on for the toolbox talk on a device handed round."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from ptw.permits.choices import SignOnMethod
from ptw.permits.models import Permit, PermitWorker, PermitWorkerSignOn, ToolboxTalk
from ptw.permits.policies import performer_missing, workers_visible_to
from ptw.permits.records import sign_on_declaration, sign_on_statement
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.services.signatures import is_png_data_url, typed_name_matches
from ptw.permits.workflow import CREW_OPEN

MAX_WORKERS = 200
MAX_USER_AGENT = 500
# How far ahead of the server a device's clock may run.
FUTURE_TOLERANCE = timedelta(minutes=5)


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


def _register_entry(actor: User, permit: Permit, data: dict[str, Any]) -> dict[str, Any]:
    """The worker as added: a worker of the competency register (their name and company from it), or free text."""
    data = dict(data)
    worker_id = data.pop("worker", None)
    if worker_id is None:
        return data
    record = workers_visible_to(actor).filter(pk=worker_id, tenant_id=permit.project.tenant_id).first()
    if record is None:
        raise InvalidInput(fields={"worker": ["No such worker in the competency register."]})
    return {**data, "worker": record, "name": record.name, "company": record.company}


def worker_add(*, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None) -> PermitWorker:
    """Add a worker to the permit's crew: picked from the competency register (whose certificates then count), or
    named in free text. Refused on a closed crew, beyond MAX_WORKERS, or when already on it."""
    now = timezone.now()
    with transaction.atomic():
        permit = crew_permit_locked(actor, permit_id)
        data = _register_entry(actor, permit, data)
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


def _sign_on_time(signed_at: datetime | None, now: datetime, talk: ToolboxTalk) -> datetime:
    """The device's time of signing (the server's when it sent none), neither in the future nor before the talk."""
    if signed_at is None:
        return now
    if signed_at > now + FUTURE_TOLERANCE:
        raise InvalidInput(fields={"signed_at": ["A sign-on cannot be in the future: check the device's clock."]})
    if signed_at < talk.held_at:
        raise InvalidInput(fields={"signed_at": ["A worker cannot sign on before the toolbox talk was held."]})
    return signed_at


def _signature_check(worker: PermitWorker, method: str, data: str) -> str:
    """The signature as stored: a typed name must be the worker's own, a drawn one a valid PNG data URL."""
    if method == SignOnMethod.TYPED:
        if not typed_name_matches(data, worker.name):
            raise InvalidInput(fields={"data": [f"Type the worker's full name as on the permit: {worker.name}."]})
        return data.strip()
    if not is_png_data_url(data):
        raise InvalidInput(fields={"data": ["A drawn signature must be a PNG data URL of at most 200 kB."]})
    return data


def worker_sign_on(
    *,
    actor: User,
    permit_id: int,
    worker_id: int,
    data: dict[str, Any],
    user_agent: str = "",
    client_ip: str | None = None,
) -> PermitWorker:
    """A worker signs on, on the device of the requester or issuer hosting it: they attended the toolbox talk
    and understood the hazards and precautions the server states.

    Steps, in order:
    1. lock the permit as a crew write by its requester or issuer while the crew is open (404 outside scope;
       409 permit_moved_on when `permit_version` names a version the permit has moved on from);
    2. find the worker on this permit (404), refuse when no talk is held or the worker already signed on (409);
    3. check the device's time (not in the future, not before the talk) and the signature (400);
    4. store the sign-on with the statement built now, so the record says what was agreed to;
    5. append the timeline event naming the method, who hosted it and the device.
    """
    now = timezone.now()
    with transaction.atomic():
        permit = crew_permit_locked(actor, permit_id, taken_against=data.get("permit_version"))
        worker = PermitWorker.objects.filter(permit=permit, pk=worker_id).first()
        if worker is None:
            raise NotFound()
        talk = ToolboxTalk.objects.filter(permit=permit).select_related("held_by").first()
        if talk is None:
            raise Conflict("Hold and record the toolbox talk before workers sign on.", code="toolbox_talk_not_held")
        if worker.acknowledged_at is not None or PermitWorkerSignOn.objects.filter(worker=worker).exists():
            raise Conflict(f"{_who(worker)} has already signed on.", code="already_signed_on")
        signed_at = _sign_on_time(data.get("signed_at"), now, talk)
        signature = _signature_check(worker, data["method"], data["data"])
        statement = f"{sign_on_statement(permit, talk)}\n\n{sign_on_declaration(worker)}"
        sign_on = PermitWorkerSignOn.objects.create(
            worker=worker,
            signed_on_at=signed_at,
            received_at=now,
            method=data["method"],
            data=signature,
            statement=statement,
            taken_by=actor,
            device=data.get("device", ""),
            user_agent=user_agent[:MAX_USER_AGENT],
        )
        worker.version += 1
        worker.save(update_fields=["version"])
        device = f", on {sign_on.device}" if sign_on.device else ""
        event_note(
            permit,
            action="worker_sign_on",
            actor=actor,
            at=now,
            comment=(
                f"{_who(worker)} signed on: attended the toolbox talk and understood the hazards and precautions "
                f"({sign_on.get_method_display().lower()}, taken by {actor.name}{device})."
            ),
            changes={f"workers.{worker.id}.sign_on": [None, sign_on_summary(sign_on)]},
            client_ip=client_ip,
        )
    return worker


def sign_on_summary(sign_on: PermitWorkerSignOn) -> dict[str, Any]:
    """A sign-on as the timeline keeps it (also when a changed talk voids it): everything but the image."""
    return {
        "worker": _who(sign_on.worker),
        "signed_on_at": sign_on.signed_on_at.isoformat(),
        "received_at": sign_on.received_at.isoformat(),
        "method": sign_on.method,
        "typed_name": sign_on.data if sign_on.method == SignOnMethod.TYPED else None,
        "taken_by": {"id": sign_on.taken_by_id, "name": sign_on.taken_by.name},
        "device": sign_on.device,
        "statement": sign_on.statement,
    }

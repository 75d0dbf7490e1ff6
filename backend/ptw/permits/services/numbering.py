"""Permit numbers `PTW-<YYYY>-<NNNNNN>`: gap-free per project and year, safe under concurrency."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.core.errors import Conflict, Forbidden, InvalidInput
from ptw.permits.models import Permit, PermitCounter
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.services.signatures import signatures_void
from ptw.permits.workflow import TERMINAL


def permit_number_next(project: Project, year: int) -> str:
    """Take the next number; call inside the creating transaction so a rollback returns it."""
    PermitCounter.objects.bulk_create([PermitCounter(project=project, year=year)], ignore_conflicts=True)
    counter = PermitCounter.objects.select_for_update().get(project=project, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"PTW-{year}-{counter.last:06d}"


NUMBER_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9/-]{2,19}$")


def permit_renumber(
    *, actor: User, permit_id: int, permit_number: str, reason: str, client_ip: str | None = None
) -> Permit:
    """Give a permit another number (tenant admins only, e.g. to match a paper permit already issued on site).
    Audited on the timeline with the old and new number and the reason; the number stays unique per project.
    Signatures vouch for the permit as printed, number included, so earlier ones become void ("permit
    renumbered"); a completed or cancelled permit, whose printed copy is final, keeps its number."""
    number = permit_number.strip().upper()
    if not NUMBER_PATTERN.match(number):
        raise InvalidInput(fields={"permit_number": ["3 to 20 letters, digits, '-' or '/', e.g. PTW-2026-000123."]})
    if not reason.strip():
        raise InvalidInput(fields={"reason": ["Say why the permit is renumbered."]})
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        if not actor.is_tenant_admin:
            raise Forbidden("Only a tenant admin may renumber a permit.")
        if permit.status in TERMINAL:
            raise Conflict(f"A {permit.status} permit keeps its number.", code="invalid_transition")
        if number == permit.permit_number:
            raise InvalidInput(fields={"permit_number": ["This is the permit's number already."]})
        if Permit.objects.filter(project_id=permit.project_id, permit_number=number).exists():
            raise Conflict(f"{number} is another permit's number on this project.", code="number_in_use")
        before = permit.permit_number
        permit.permit_number = number
        permit.version += 1
        permit.save(update_fields=["permit_number", "version", "updated_at"])
        now = timezone.now()
        signatures_void(permit, "permit renumbered", now)
        event_note(
            permit,
            action="renumber",
            actor=actor,
            at=now,
            comment=reason.strip(),
            changes={"permit_number": [before, number]},
            client_ip=client_ip,
        )
    return permit

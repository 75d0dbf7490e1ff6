"""The printed permit (PDF, frozen at completion with its SHA-256) and the QR link to a permit (an opaque,
revocable token that opens the permit's page after log-in)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Forbidden, NotFound
from ptw.permits.document import render_permit_pdf
from ptw.permits.gas import describe
from ptw.permits.models import (
    GasTest,
    Permit,
    PermitDocument,
    PermitExtension,
    PermitIsolation,
    PermitLink,
    PermitWorker,
)
from ptw.permits.policies import permits_visible_to
from ptw.permits.selectors import closeout_of, signatures_of, toolbox_talk_of

SIGNED_AS = {
    "submit": "Requested (contractor)",
    "resubmit": "Requested (contractor)",
    "verify": "Verified (EPC)",
    "approve": "Issued (client)",
    "activate": "Work started",
    "complete": "Handed back",
}


def link_url(token: str) -> str:
    return f"{settings.PTW_PUBLIC_URL}/qr/{token}"


def permit_link(permit: Permit) -> PermitLink:
    """The permit's live QR link, created on first use."""
    live = PermitLink.objects.filter(permit=permit, revoked_at__isnull=True).first()
    if live is not None:
        return live
    try:
        with transaction.atomic():
            return PermitLink.objects.create(permit=permit, token=secrets.token_urlsafe(24), created_at=timezone.now())
    except IntegrityError:  # created meanwhile by another request
        return PermitLink.objects.get(permit=permit, revoked_at__isnull=True)


def link_revoke(*, actor: User, permit: Permit) -> PermitLink:
    """Revoke the live link (printed codes stop working) and issue a new one; project admins only."""
    if not is_project_admin(actor, permit.project_id):
        raise Forbidden("Only a project admin may revoke a permit's QR link.")
    with transaction.atomic():
        PermitLink.objects.filter(permit=permit, revoked_at__isnull=True).update(revoked_at=timezone.now())
        return permit_link(permit)


def link_resolve(user: User, token: str) -> Permit:
    """The permit a QR token opens, for someone who may see it; revoked or foreign tokens do not exist."""
    link = PermitLink.objects.filter(token=token, revoked_at__isnull=True).first()
    if link is None:
        raise NotFound()
    permit = permits_visible_to(user).filter(pk=link.permit_id).first()
    if permit is None:
        raise NotFound()
    return permit


def _local(moment: datetime | None, permit: Permit) -> str:
    return moment.astimezone(permit.project.tz).strftime("%d %b %Y %H:%M") if moment else "-"


def _name(person: Any) -> str:
    """A user's name, or a `{id, name}` person's, or "-"."""
    if person is None:
        return "-"
    return str(person["name"] if isinstance(person, dict) else person.name)


def permit_document_data(permit: Permit, printed_at: datetime) -> dict[str, Any]:
    """Everything the printed permit shows, as text, times in the project's time zone."""
    ptype = permit.permit_type.effective(permit.project_id)
    labels = {item["key"]: item["label"] for item in ptype.checklist}
    talk = toolbox_talk_of(permit)
    closeout = closeout_of(permit)
    return {
        "number": permit.permit_number,
        "title": permit.title,
        "type": permit.permit_type.name,
        "status": permit.get_status_display(),
        "risk": f"{permit.get_risk_level_display()} ({permit.risk_score})",
        "printed_at": _local(printed_at, permit),
        "link": link_url(permit_link(permit).token),
        "work": [
            ("Location", permit.location),
            ("Plant / work order", permit.work_order),
            ("Scope", permit.description),
            ("Planned", f"{_local(permit.planned_start, permit)} to {_local(permit.planned_end, permit)}"),
            ("Actual", f"{_local(permit.actual_start, permit)} to {_local(permit.actual_end, permit)}"),
            ("Requester", _name(permit.requester)),
            ("Verifier", _name(permit.verifier)),
            ("Issuer", _name(permit.issuer)),
            ("Time zone", permit.project.time_zone),
        ],
        "precautions": [
            ("Hazards", permit.hazards),
            ("Control measures", permit.control_measures),
            ("PPE", ", ".join(permit.ppe)),
            ("Special instructions", permit.special_instructions),
        ],
        "checklist": [[labels.get(key, key), "Yes" if done else "No"] for key, done in permit.checklist.items()],
        "gas_tests": [
            [
                _local(t.tested_at, permit),
                t.gas,
                f"{t.value} {t.unit}",
                describe(t.limit),
                t.result.upper(),
                f"{t.instrument_id} (cal. {t.calibrated_on})",
                _name(t.tested_by),
            ]
            for t in GasTest.objects.filter(permit=permit).select_related("tested_by").order_by("tested_at", "id")
        ],
        "isolations": [
            [
                i.name,
                i.energy_type,
                ", ".join(i.lock_numbers) or "-",
                i.get_status_display(),
                _name(i.isolated_by),
                _name(i.verified_by),
                _name(i.deisolated_by),
            ]
            for i in PermitIsolation.objects.filter(permit=permit).select_related(
                "isolated_by", "verified_by", "deisolated_by"
            )
        ],
        "toolbox_talk": [
            (
                "Toolbox talk",
                f"{_local(talk['held_at'], permit)} by {talk['held_by']['name']}" if talk["held"] else "-",
            ),
            ("Topics", ", ".join(talk["topics"])),
        ],
        "workers": [
            [w.name, w.company, w.trade, _local(w.acknowledged_at, permit)]
            for w in PermitWorker.objects.filter(permit=permit).order_by("id")
        ],
        "extensions": [
            [
                _local(e.requested_at, permit),
                _local(e.previous_end, permit),
                _local(e.new_end, permit),
                e.reason,
                f"{e.get_status_display()} {_name(e.decided_by) if e.decided_by else ''}".strip(),
            ]
            for e in PermitExtension.objects.filter(permit=permit).select_related("decided_by")
        ],
        "signatures": [
            [
                s["action"],
                SIGNED_AS.get(s["action"], s["role"]),
                s["signer"]["name"],
                _local(s["signed_at"], permit),
                s["method"],
                "valid" if s["valid"] else f"void: {s['void_reason']}",
            ]
            for s in signatures_of(permit)
        ],
        "closeout": [[item["label"], "Yes" if item["done"] else "No", item["comment"]] for item in closeout["items"]],
        "closeout_notes": [
            ("Remarks", closeout["remarks"]),
            ("Work finished", _local(closeout["work_finished_at"], permit) if closeout["work_finished"] else "No"),
        ],
    }


def permit_document(permit: Permit) -> tuple[bytes, str, datetime | None]:
    """The permit's PDF, its SHA-256 and when it was frozen: the frozen copy once completed, else fresh."""
    frozen = PermitDocument.objects.filter(permit=permit).first()
    if frozen is not None:
        return bytes(frozen.pdf), frozen.sha256, frozen.frozen_at
    pdf = render_permit_pdf(permit_document_data(permit, timezone.now()))
    return pdf, hashlib.sha256(pdf).hexdigest(), None


def document_freeze(permit: Permit, at: datetime) -> PermitDocument:
    """Store the PDF of a permit as completed (inside the completing transaction)."""
    pdf = render_permit_pdf(permit_document_data(permit, at))
    return PermitDocument.objects.create(permit=permit, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), frozen_at=at)

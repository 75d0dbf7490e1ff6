"""The printed permit (PDF, frozen at completion with its SHA-256) and the QR link to a permit (an opaque,
revocable token that opens the permit's page after log-in). What the permit shows is read in the selectors."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.accounts.policies import is_project_admin
from ptw.core.errors import Forbidden
from ptw.permits.document import render_permit_pdf
from ptw.permits.models import Permit, PermitDocument, PermitLink
from ptw.permits.records import link_url, permit_document_data


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


def _rendered(permit: Permit, printed_at: datetime) -> bytes:
    return render_permit_pdf(permit_document_data(permit, printed_at, link_url(permit_link(permit).token)))


def permit_document(permit: Permit) -> tuple[bytes, str, datetime | None]:
    """The permit's PDF, its SHA-256 and when it was frozen: the frozen copy once completed, else fresh."""
    frozen = PermitDocument.objects.filter(permit=permit).first()
    if frozen is not None:
        return bytes(frozen.pdf), frozen.sha256, frozen.frozen_at
    pdf = _rendered(permit, timezone.now())
    return pdf, hashlib.sha256(pdf).hexdigest(), None


def document_freeze(permit: Permit, at: datetime) -> PermitDocument:
    """Store the PDF of a permit as completed (inside the completing transaction)."""
    pdf = _rendered(permit, at)
    return PermitDocument.objects.create(permit=permit, pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), frozen_at=at)

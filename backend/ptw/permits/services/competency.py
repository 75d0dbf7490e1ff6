"""Writes of the competency register: workers, certificates (record, renew, revoke) and their evidence.

Certificates are written by project admins (and tenant admins) of the project they are recorded on; workers are
recorded by any acting member (they are picked or created when adding a worker to a permit) and corrected by
admins. Every write is audited as a `ConfigChange` row of its project; edits are versioned (If-Match).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import Membership, User
from ptw.accounts.policies import is_project_admin, role_in, visible_project_ids
from ptw.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from ptw.core.outbox import outbox_add
from ptw.core.request_context import get_request_id
from ptw.core.versioning import check_version, locked_row
from ptw.permits.competency import EXPIRY_WARNING_DAYS
from ptw.permits.models import Certificate, CompetencyKind, ConfigChange, PermitWorker, Worker
from ptw.permits.models.attachments import ATTACHMENT_STORAGE
from ptw.permits.policies import certificates_visible_to, workers_visible_to
from ptw.permits.services.attachments import attachment_read
from ptw.permits.uploads import Judged
from ptw.permits.workflow import LIVE

MAX_VALIDITY_YEARS = 20


@contextmanager
def _audited(*, actor: User, project_id: int, subject: str, action: str) -> Iterator[dict[str, Any]]:
    """Transaction → (the writer fills `audit`: subject_id, changes, and project_id when only the row it locks
    knows it) → the `ConfigChange` row, together."""
    audit: dict[str, Any] = {"subject_id": None, "changes": {}}
    with transaction.atomic():
        yield audit
        request_id = get_request_id()
        ConfigChange.objects.create(
            project_id=audit.get("project_id") or project_id,
            subject=subject,
            subject_id=audit["subject_id"],
            action=action,
            actor=actor,
            at=timezone.now(),
            changes=audit["changes"],
            request_id=request_id if request_id != "-" else "",
        )


def _project_in_scope(actor: User, project_id: int) -> None:
    if project_id not in visible_project_ids(actor):
        raise InvalidInput(fields={"project": ["No such project."]})


def _register_admin(actor: User, project_id: int) -> None:
    if not is_project_admin(actor, project_id):
        raise Forbidden("Only a project admin may change the competency register.")


def _acting(actor: User, project_id: int) -> None:
    if role_in(actor, project_id) in (None, MembershipRole.VIEWER):
        raise Forbidden("Viewers cannot add workers to the register.")


def _worker_values(data: dict[str, Any]) -> dict[str, str]:
    values: dict[str, str] = {key: str(data[key]).strip() for key in ("name", "company", "id_number") if key in data}
    blank = [key for key, value in values.items() if not value]
    if blank:
        raise InvalidInput(fields={key: ["This field may not be blank."] for key in blank})
    return values


def _worker_save(worker: Worker) -> None:
    try:
        with transaction.atomic():
            worker.save()
    except IntegrityError:
        raise InvalidInput(
            fields={"id_number": [f"A worker of {worker.company} with this ID number is already in the register."]}
        ) from None


def worker_create(*, actor: User, project_id: int, data: dict[str, Any]) -> Worker:
    """Record a worker (name, company, ID number; the ID number unique within the company).

    1. The project is the caller's and they act on it (not a viewer).
    2. Check the values and that the ID number is new for the company in the tenant.
    3. Store the worker and audit the creation on the project.
    """
    _project_in_scope(actor, project_id)
    _acting(actor, project_id)
    values = _worker_values(data)
    with _audited(actor=actor, project_id=project_id, subject="worker", action="create") as audit:
        worker = Worker(
            tenant_id=actor.tenant_id, project_id=project_id, created_by=actor, created_at=timezone.now(), **values
        )
        _worker_save(worker)
        audit.update(subject_id=worker.id, changes={"worker": [None, values]})
    return worker


def worker_update(*, actor: User, worker_id: int, expected_version: int, data: dict[str, Any]) -> Worker:
    """Correct a worker's name, company or ID number.

    1. The worker is in the caller's scope (else 404) and the caller admins its project (else 403).
    2. Lock it and check the version (409 with the current worker when stale).
    3. Save the new values (the ID number stays unique in the company) and audit what changed.
    """
    worker = workers_visible_to(actor).filter(pk=worker_id).first()
    if worker is None:
        raise NotFound()
    _register_admin(actor, worker.project_id)
    values = _worker_values(data)
    with _audited(actor=actor, project_id=worker.project_id, subject="worker", action="update") as audit:
        worker = locked_row(Worker.objects.filter(pk=worker_id))
        check_version(worker.version, expected_version, worker)
        changes = {key: [getattr(worker, key), value] for key, value in values.items() if getattr(worker, key) != value}
        for key, value in values.items():
            setattr(worker, key, value)
        worker.version += 1
        _worker_save(worker)
        audit.update(subject_id=worker.id, changes=changes)
    return worker


def _evidence_stored(project_id: int, judged: Judged) -> str:
    return ATTACHMENT_STORAGE.save(
        f"certificates/{project_id}/{uuid.uuid4().hex}{judged.extension}", ContentFile(judged.data)
    )


def _dates(issued: date, expires: date) -> None:
    if expires < issued:
        raise InvalidInput(fields={"expires_on": ["A certificate cannot expire before it was issued."]})
    if issued > timezone.now().date() + timedelta(days=366):
        raise InvalidInput(fields={"issued_on": ["The issue date is more than a year ahead."]})
    if (expires - issued).days > 366 * MAX_VALIDITY_YEARS:
        raise InvalidInput(fields={"expires_on": [f"A certificate is valid for at most {MAX_VALIDITY_YEARS} years."]})


def _kind(actor: User, code: str) -> CompetencyKind:
    kind = CompetencyKind.objects.filter(tenant_id=actor.tenant_id, code=code, is_active=True).first()
    if kind is None:
        raise InvalidInput(fields={"kind": ["No such competency kind."]})
    return kind


def _holder(actor: User, project_id: int, data: dict[str, Any]) -> tuple[User | None, Worker | None]:
    user_id: int | None = data.get("holder_user")
    worker_id: int | None = data.get("holder_worker")
    if (user_id is None) == (worker_id is None):
        raise InvalidInput(fields={"holder_user": ["Name the holder: a user or a worker, not both."]})
    if user_id is not None:
        member = (
            Membership.objects.filter(
                project_id=project_id, user_id=user_id, is_active=True, user__tenant_id=actor.tenant_id
            )
            .select_related("user")
            .first()
        )
        if member is None:
            raise InvalidInput(fields={"holder_user": ["No such member of this project."]})
        return member.user, None
    assert worker_id is not None
    worker = workers_visible_to(actor).filter(pk=worker_id).first()
    if worker is None:
        raise InvalidInput(fields={"holder_worker": ["No such worker in the register."]})
    return None, worker


def _evidence(project_id: int, evidence: UploadedFile | None) -> dict[str, str]:
    """The evidence file judged by its content (images re-encoded, PDFs as sent; else 400) and stored."""
    if evidence is None:
        return {}
    judged = attachment_read(evidence, keep_location=False)
    name = _evidence_stored(project_id, judged)
    return {"evidence": name, "evidence_name": evidence.name or "evidence", "evidence_type": judged.content_type}


def _summary(cert: Certificate) -> dict[str, Any]:
    return {
        "holder_user": cert.holder_user_id,
        "holder_worker": cert.holder_worker_id,
        "kind": cert.kind.code,
        "number": cert.number,
        "issued_on": cert.issued_on.isoformat(),
        "expires_on": cert.expires_on.isoformat(),
        "evidence": cert.evidence_name,
    }


def certificate_record(
    *, actor: User, project_id: int, data: dict[str, Any], evidence: UploadedFile | None = None
) -> Certificate:
    """Record a certificate held by a project member or a worker.

    1. The project is the caller's and they admin it (else 400 / 403).
    2. Check the holder (a member of the project or a worker of the register), the kind and the dates.
    3. Judge the evidence file by its content and store it (images and PDFs up to the attachment limit).
    4. Store the certificate and audit it on the project.
    """
    _project_in_scope(actor, project_id)
    _register_admin(actor, project_id)
    holder_user, holder_worker = _holder(actor, project_id, data)
    kind = _kind(actor, data["kind"])
    _dates(data["issued_on"], data["expires_on"])
    with _audited(actor=actor, project_id=project_id, subject="certificate", action="create") as audit:
        cert = Certificate.objects.create(
            tenant_id=actor.tenant_id,
            project_id=project_id,
            holder_user=holder_user,
            holder_worker=holder_worker,
            kind=kind,
            number=data["number"].strip(),
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
            recorded_by=actor,
            recorded_at=timezone.now(),
            **_evidence(project_id, evidence),
        )
        audit.update(subject_id=cert.id, changes={"certificate": [None, _summary(cert)]})
    return cert


def _current_locked(actor: User, certificate_id: int, expected_version: int) -> Certificate:
    """The certificate, in scope (404), its project admin'd by the caller (403), locked, at the caller's version
    (409), still current: neither renewed nor revoked (409)."""
    found = certificates_visible_to(actor).filter(pk=certificate_id).first()
    if found is None:
        raise NotFound()
    _register_admin(actor, found.project_id)
    cert = locked_row(Certificate.objects.select_related("kind").filter(pk=certificate_id))
    check_version(cert.version, expected_version, cert)
    if cert.revoked_at is not None or cert.superseded_by_id is not None:
        raise Conflict("This certificate was renewed or revoked: it no longer changes.", code="certificate_closed")
    return cert


def certificate_renew(
    *,
    actor: User,
    certificate_id: int,
    expected_version: int,
    data: dict[str, Any],
    evidence: UploadedFile | None = None,
) -> Certificate:
    """Renew a certificate: a new certificate of the same holder and kind that supersedes it.

    1. The certificate is current and at the caller's version; the caller admins its project.
    2. Check the new number and dates; judge and store the new evidence.
    3. Store the new certificate, mark the old one superseded (version + 1) and audit the renewal.
    """
    with _audited(actor=actor, project_id=0, subject="certificate", action="renew") as audit:
        old = _current_locked(actor, certificate_id, expected_version)
        _dates(data["issued_on"], data["expires_on"])
        new = Certificate.objects.create(
            tenant_id=old.tenant_id,
            project_id=old.project_id,
            holder_user_id=old.holder_user_id,
            holder_worker_id=old.holder_worker_id,
            kind=old.kind,
            number=(data.get("number") or old.number).strip(),
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
            recorded_by=actor,
            recorded_at=timezone.now(),
            **_evidence(old.project_id, evidence),
        )
        old.superseded_by, old.version = new, old.version + 1
        old.save(update_fields=["superseded_by", "version"])
        audit.update(
            project_id=old.project_id,
            subject_id=new.id,
            changes={"renews": old.id, "certificate": [_summary(old), _summary(new)]},
        )
    return new


def certificate_revoke(*, actor: User, certificate_id: int, expected_version: int, reason: str) -> Certificate:
    """Revoke a certificate: it no longer counts from now; the record stays.

    1. A reason is given; the certificate is current and at the caller's version; the caller admins its project.
    2. Mark it revoked (who, when, why; version + 1) and audit it.
    """
    if not reason.strip():
        raise InvalidInput(fields={"reason": ["Say why the certificate is revoked."]})
    with _audited(actor=actor, project_id=0, subject="certificate", action="revoke") as audit:
        cert = _current_locked(actor, certificate_id, expected_version)
        cert.revoked_at, cert.revoked_by, cert.revoked_reason = timezone.now(), actor, reason.strip()
        cert.version += 1
        cert.save(update_fields=["revoked_at", "revoked_by", "revoked_reason", "version"])
        audit.update(project_id=cert.project_id, subject_id=cert.id, changes={"revoked": reason.strip()})
    return cert


def certificates_expiring_announce(now: datetime | None = None) -> int:
    """Announce, once each, the current certificates that expire within EXPIRY_WARNING_DAYS (§8): to the holder, or
    for a worker's certificate to the requesters of the live permits the worker is on, and to the project admins.

    1. Select current certificates (not renewed, not revoked) expiring from today to today + the warning window.
    2. For each, record `competency.expiring` in the outbox under the certificate's key (a renewal is a new
       certificate, so it is announced again when its own time comes); notifications send it.
    """
    now = now or timezone.now()
    today = now.date()
    due = (
        Certificate.objects.filter(
            superseded_by__isnull=True,
            revoked_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
        )
        .select_related("kind", "holder_user", "holder_worker")
        .order_by("id")
    )
    recorded = 0
    for cert in due:
        assignees: list[int]
        if cert.holder_user is not None:
            holder, assignees = cert.holder_user.name, [cert.holder_user.id]
        else:
            assert cert.holder_worker is not None
            holder = cert.holder_worker.name
            assignees = sorted(
                set(
                    PermitWorker.objects.filter(worker_id=cert.holder_worker.id, permit__status__in=LIVE).values_list(
                        "permit__requester_id", flat=True
                    )
                )
            )
        payload = {
            "certificate": cert.id,
            "holder": holder,
            "kind": cert.kind.name,
            "certificate_number": cert.number,
            "expires_on": cert.expires_on.isoformat(),
            "assignees": assignees,
        }
        key = f"competency.expiring:{cert.id}"
        if outbox_add(
            "competency.expiring", tenant_id=cert.tenant_id, project_id=cert.project_id, payload=payload, key=key
        ):
            recorded += 1
    return recorded

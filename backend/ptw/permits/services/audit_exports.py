"""Audit exports: who may take permits' records away as one verifiable file, and the record that they did."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.core.errors import Forbidden
from ptw.permits.models import AuditExport, Permit
from ptw.permits.policies import audit_export_missing


def audit_export_check(actor: User, project: Project) -> None:
    """403 unless the caller may export this project's permits (project admins and issuers)."""
    if blocked := audit_export_missing(actor, project):
        raise Forbidden(blocked[0].message, missing=[m.as_dict() for m in blocked])


def audit_export_record(
    *,
    actor: User,
    project: Project,
    permits: int,
    manifest_sha256: str,
    permit: Permit | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> AuditExport:
    """Record that the caller took an audit export: which permit or date range, how many permits, and the SHA-256
    of its manifest (which names every file's SHA-256), so a copy shown later can be matched to this export."""
    audit_export_check(actor, project)
    return AuditExport.objects.create(
        project=project,
        by=actor,
        at=timezone.now(),
        permit=permit,
        date_from=date_from,
        date_to=date_to,
        permits=permits,
        manifest_sha256=manifest_sha256,
    )

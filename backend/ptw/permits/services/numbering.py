"""Permit numbers `PTW-<YYYY>-<NNNNNN>`: gap-free per project and year, safe under concurrency."""

from __future__ import annotations

from ptw.accounts.models import Project
from ptw.permits.models import PermitCounter


def permit_number_next(project: Project, year: int) -> str:
    """Take the next number; call inside the creating transaction so a rollback returns it."""
    PermitCounter.objects.bulk_create([PermitCounter(project=project, year=year)], ignore_conflicts=True)
    counter = PermitCounter.objects.select_for_update().get(project=project, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"PTW-{year}-{counter.last:06d}"

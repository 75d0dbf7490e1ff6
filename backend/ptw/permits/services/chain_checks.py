"""Checking many timelines at once: a summary over a project or everything, and the recorded nightly run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ptw.accounts.models import Project
from ptw.permits.chain import ChainReport, chains_verify
from ptw.permits.models import ChainCheck, Permit, PermitEvent

# Permits whose events one query streams: memory stays bounded however many timelines there are.
BATCH_SIZE = 500


@dataclass
class ChainSummary:
    permits: int = 0
    events: int = 0
    broken: list[dict[str, Any]] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.broken


def _permit_batches(project_id: int | None, batch_size: int) -> Iterator[list[int]]:
    """The ids of every timeline (a deleted draft's included), in ascending batches by keyset."""
    events = PermitEvent.objects.all() if project_id is None else PermitEvent.objects.filter(project_id=project_id)
    last = 0
    while True:
        batch = list(
            events.filter(permit_id__gt=last)
            .order_by("permit_id")
            .values_list("permit_id", flat=True)
            .distinct()[:batch_size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1]


def _described(reports: list[ChainReport]) -> list[dict[str, Any]]:
    """Each broken timeline with its permit's number and project (a deleted draft has no number left)."""
    ids = [r.permit_id for r in reports]
    numbers = dict(Permit.objects.filter(pk__in=ids).values_list("id", "permit_number"))
    projects = dict(
        PermitEvent.objects.filter(permit_id__in=ids).values_list("permit_id", "project_id").order_by().distinct()
    )
    names = dict(Project.objects.filter(pk__in=set(projects.values())).values_list("id", "name"))
    return [
        {
            "permit_id": r.permit_id,
            "number": numbers.get(r.permit_id, ""),
            "project_id": projects.get(r.permit_id),
            "project": names.get(projects.get(r.permit_id, 0), ""),
            "seq": r.broken_at,
            "event_id": r.event_id,
            "reason": r.reason,
        }
        for r in reports
    ]


def chain_summary(project_id: int | None = None) -> ChainSummary:
    """Verify every timeline of a project (or of everything): counts, and each broken one described."""
    summary = ChainSummary()
    broken: list[ChainReport] = []
    for batch in _permit_batches(project_id, BATCH_SIZE):
        for report in chains_verify(batch):
            summary.permits += 1
            summary.events += report.events
            if not report.valid:
                broken.append(report)
    summary.broken = _described(broken) if broken else []
    return summary


def chain_check_record() -> ChainCheck:
    """Verify every timeline and keep the outcome, for `ptw_status` and readiness to report."""
    started_at = timezone.now()
    summary = chain_summary()
    return ChainCheck.objects.create(
        started_at=started_at,
        finished_at=timezone.now(),
        permits=summary.permits,
        events=summary.events,
        broken=summary.broken,
    )

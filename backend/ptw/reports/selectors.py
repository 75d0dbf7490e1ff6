"""The summary report and the permits behind each exception, from the metric definitions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.accounts.policies import projects_for
from ptw.core.pagination import count_limit
from ptw.permits.choices import RISK_BANDS, Status
from ptw.permits.workflow import LIVE
from ptw.reports.metrics import (
    DURATIONS,
    EXCEPTIONS,
    ON_TIME_DEFINITION,
    duration_aggregates,
    earliest_instant,
    exception_metric,
    on_time_counts,
    report_scope,
)
from ptw.reports.models import NotClosedDayCount, PermitDayCount, RollupZone
from ptw.reports.rollups import SPANS, SUMS, rollups_rebuild

# The exceptions that depend on the time of the report, all about permits in one of these statuses: counted from
# those permits when asked. The one that does not (not closed properly) is counted in the rollups.
CLOCKED = tuple(metric for metric in EXCEPTIONS if metric.kind != "not_closed_properly")
CLOCK_STATUSES = tuple(sorted(LIVE | {Status.EXPIRED}))


def _projects(user: User, project_id: int | None) -> list[Project]:
    projects = projects_for(user)
    return list(projects.filter(pk=project_id) if project_id is not None else projects)


# Levels in rising order; permits not assessed yet (drafts, level null) are counted last, as their own row.
_RISK_RANK = {level: rank for rank, (level, _top) in enumerate(RISK_BANDS)}


def _risk_order(row: Mapping[str, Any]) -> int:
    return _RISK_RANK.get(row["risk_level"], len(_RISK_RANK))


def report_summary_direct(user: User, project_id: int | None, first: date, last: date) -> dict[str, Any]:
    """The summary computed from the permits themselves: the reference the rollups are checked against."""
    projects, now = _projects(user, project_id), timezone.now()
    permits = report_scope(user, projects, first, last)
    by_status = permits.values("status").annotate(count=Count("id")).order_by("status")
    by_type = (
        permits.values("permit_type_id", "permit_type__name", "permit_type__color")
        .annotate(count=Count("id"))
        .order_by("-count", "permit_type__name")
    )
    by_risk = sorted(permits.values("risk_level").annotate(count=Count("id")).order_by(), key=_risk_order)
    durations = duration_aggregates(permits)
    completed, on_time = on_time_counts(permits)
    return {
        "date_from": first,
        "date_to": last,
        "project": project_id,
        "generated_at": now,
        "total": sum(row["count"] for row in by_status),
        "by_status": list(by_status),
        "by_type": [
            {
                "id": row["permit_type_id"],
                "name": row["permit_type__name"],
                "color": row["permit_type__color"],
                "count": row["count"],
            }
            for row in by_type
        ],
        "by_risk": by_risk,
        **_figures(
            {metric.kind: permits.filter(metric.build(projects, now, None)).count() for metric in EXCEPTIONS},
            durations,
            completed,
            on_time,
        ),
    }


def _figures(
    exceptions: Mapping[str, int], durations: Mapping[str, tuple[float | None, int]], completed: int, on_time: int
) -> dict[str, Any]:
    """The exceptions, durations and on-time rate of the summary, each with its label and definition."""
    return {
        "exceptions": [
            {
                "kind": metric.kind,
                "label": metric.label,
                "definition": metric.definition,
                "count": exceptions[metric.kind],
            }
            for metric in EXCEPTIONS
        ],
        "durations": [
            {
                "key": metric.key,
                "label": metric.label,
                "definition": metric.definition,
                "average_hours": durations[metric.key][0],
                "permits": durations[metric.key][1],
            }
            for metric in DURATIONS
        ],
        "on_time_close_rate": {
            "value": on_time / completed if completed else None,
            "completed": completed,
            "on_time": on_time,
            "definition": ON_TIME_DEFINITION,
        },
    }


def report_exception_ids(user: User, project_id: int | None, first: date, last: date, kind: str) -> list[int]:
    """The ids of the permits counted by one exception of the summary (by the same definition), oldest planned end
    first, up to the lists' count bound and one more.

    Read whole, then paged: asked for a page (`LIMIT 25`), PostgreSQL walked every permit of the project by
    planned end, expecting to meet the report window's permits early, when they sit at the end of that order
    (30-60 ms at 100k permits). Without the page's limit it reads the window's permits from the created-at index
    and sorts the few that match (3-14 ms), and the count is the length of the list: one query for both."""
    metric, projects = exception_metric(kind), _projects(user, project_id)
    rows = report_scope(user, projects, first, last).filter(
        metric.build(projects, timezone.now(), earliest_instant(first))
    )
    return list(rows.order_by("planned_end", "id").values_list("pk", flat=True)[: count_limit() + 1])


def report_summary(user: User, project_id: int | None, first: date, last: date) -> dict[str, Any]:
    """The summary: counts, durations and the on-time rate from the rollups (a few hundred rows whatever the number
    of permits); the exceptions that depend on the clock from the live permits, in one query."""
    projects, now = _projects(user, project_id), timezone.now()
    rollups_current(projects)
    ids = [project.id for project in projects]
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in PermitDayCount.objects.filter(project_id__in=ids, day__gte=first, day__lte=last)
        .values("status", "permit_type_id", "permit_type__name", "permit_type__color", "risk_level")
        .annotate(**{name: Sum(name) for name in SUMS})
        .order_by()
    ]
    by_status: dict[str, int] = defaultdict(int)
    by_risk: dict[str, int] = defaultdict(int)
    by_type: dict[int, dict[str, Any]] = {}
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        by_status[row["status"]] += row["permits"]
        by_risk[row["risk_level"]] += row["permits"]
        kind = by_type.setdefault(
            row["permit_type_id"],
            {"id": row["permit_type_id"], "name": row["permit_type__name"], "color": row["permit_type__color"]},
        )
        kind["count"] = kind.get("count", 0) + row["permits"]
        for name in SUMS:
            totals[name] += row[name]
    live, since = report_scope(user, projects, first, last).filter(status__in=CLOCK_STATUSES), earliest_instant(first)
    filters = {metric.kind: metric.build(projects, now, since) for metric in CLOCKED}
    clocked = live.aggregate(
        **{metric.kind: Count("id", filter=filters[metric.kind]) for metric in CLOCKED if not metric.joins}
    )
    for metric in CLOCKED:
        if metric.joins:  # a subquery: in WHERE the database joins it once instead of probing it for every permit
            clocked[metric.kind] = live.filter(filters[metric.kind]).count()
    clocked["not_closed_properly"] = (
        NotClosedDayCount.objects.filter(project_id__in=ids, day__gte=first, day__lte=last).aggregate(n=Sum("permits"))[
            "n"
        ]
        or 0
    )
    durations = {
        metric.key: _average(totals[count], totals[micros])
        for metric, (count, micros, *_) in zip(DURATIONS, SPANS, strict=True)
    }
    completed, on_time = by_status.get(Status.COMPLETED, 0), totals["on_time"]
    return {
        "date_from": first,
        "date_to": last,
        "project": project_id,
        "generated_at": now,
        "total": totals["permits"],
        "by_status": [{"status": s, "count": n} for s, n in sorted(by_status.items()) if n],
        "by_type": sorted(
            (kind for kind in by_type.values() if kind["count"]), key=lambda k: (-k["count"], k["name"], k["id"])
        ),
        "by_risk": sorted(({"risk_level": r or None, "count": n} for r, n in by_risk.items() if n), key=_risk_order),
        **_figures(clocked, durations, completed, on_time),
    }


def _average(count: int, micros: int) -> tuple[float | None, int]:
    """Mean in hours as the direct aggregate computes it (the summed span divided by the count, to the µs)."""
    if not count:
        return None, count
    return (timedelta(microseconds=micros) / count).total_seconds() / 3600, count


def rollups_current(projects: list[Project]) -> None:
    """Rebuild the rollups of any project whose time zone changed since they were built (once per change)."""
    zones = dict(
        RollupZone.objects.filter(project_id__in=[p.id for p in projects]).values_list("project_id", "time_zone")
    )
    stale = [project.id for project in projects if zones.get(project.id) != project.time_zone]
    if stale:
        rollups_rebuild(stale)

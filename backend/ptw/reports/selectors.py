"""The summary report and the permits behind each exception, from the metric definitions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.accounts.policies import projects_for
from ptw.permits.choices import RISK_BANDS
from ptw.permits.models import Permit
from ptw.permits.selectors import LIST_RELATED
from ptw.reports.metrics import (
    DURATIONS,
    EXCEPTIONS,
    ON_TIME_DEFINITION,
    duration_aggregates,
    exception_metric,
    on_time_counts,
    report_scope,
)


def _projects(user: User, project_id: int | None) -> list[Project]:
    projects = projects_for(user)
    return list(projects.filter(pk=project_id) if project_id is not None else projects)


# Levels in rising order; permits not assessed yet (drafts, level null) are counted last, as their own row.
_RISK_RANK = {level: rank for rank, (level, _top) in enumerate(RISK_BANDS)}


def _risk_order(row: dict[str, Any]) -> int:
    return _RISK_RANK.get(row["risk_level"], len(_RISK_RANK))


def report_summary(user: User, project_id: int | None, first: date, last: date) -> dict[str, Any]:
    permits = report_scope(user, project_id, first, last)
    projects, now = _projects(user, project_id), timezone.now()
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
        "exceptions": [
            {
                "kind": metric.kind,
                "label": metric.label,
                "definition": metric.definition,
                "count": permits.filter(metric.build(projects, now)).count(),
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


def report_exception_permits(
    user: User, project_id: int | None, first: date, last: date, kind: str
) -> QuerySet[Permit]:
    """The permits counted by one exception of the summary, by the same definition, oldest planned end first."""
    metric = exception_metric(kind)
    permits = report_scope(user, project_id, first, last)
    return (
        permits.filter(metric.build(_projects(user, project_id), timezone.now()))
        .select_related(*LIST_RELATED)
        .order_by("planned_end", "id")
    )

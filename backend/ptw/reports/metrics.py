"""The one definition of every report metric: the set of permits a report covers, each exception as a database
filter, each duration and rate as a database aggregate — used alike by the summary, the exception lists, the
exports and (through the API) the UI. Each carries the sentence that defines it, returned with its value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Aggregate, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum

from ptw.accounts.models import Project, User
from ptw.permits.choices import IsolationStatus, Status
from ptw.permits.models import ObservationKind, Permit, PermitIsolation, SafetyObservation
from ptw.permits.policies import permits_visible_to
from ptw.permits.selectors import days_q
from ptw.permits.workflow import LIVE


def report_scope(user: User, projects: list[Project], first: date, last: date) -> QuerySet[Permit]:
    """The permits a report covers: of `projects` (the caller's, or the one asked for, read once by the report),
    created on a day from `first` to `last` inclusive, days taken in each project's own time zone."""
    return permits_visible_to(user).filter(days_q(projects, "created_at", first, last))


def earliest_instant(first: date) -> datetime:
    """An instant no permit created on day `first` or later was created before, whatever its project's time zone
    (none starts a day earlier than UTC+14)."""
    return datetime.combine(first, time.min, tzinfo=UTC) - timedelta(hours=14)


def _per_project(projects: list[Project], build: Callable[[Project], Q]) -> Q:
    clauses = Q(pk__in=[])
    for project in projects:
        clauses |= Q(project_id=project.id) & build(project)
    return clauses


def _hours(project: Project, key: str) -> timedelta:
    return timedelta(hours=float(str(project.setting(key))))


@dataclass(frozen=True)
class ExceptionMetric:
    kind: str
    label: str
    definition: str
    # (projects, now, since): `since`, when given, is an instant no permit of the report was created before; a
    # metric reading another table may use it to start from that table's recent rows.
    build: Callable[[list[Project], datetime, datetime | None], Q]
    joins: bool = False  # the filter holds a subquery over another table


EXCEPTIONS: tuple[ExceptionMetric, ...] = (
    ExceptionMetric(
        "overdue_verification",
        "Overdue verification",
        "Submitted permits waiting for verification longer than the project's verification SLA "
        "(verification_sla_hours, default 4 h) since submission.",
        lambda projects, now, since: (
            Q(status=Status.SUBMITTED)
            & _per_project(projects, lambda p: Q(submitted_at__lt=now - _hours(p, "verification_sla_hours")))
        ),
    ),
    ExceptionMetric(
        "overdue_approval",
        "Overdue approval",
        "Verified permits waiting for issue longer than the project's approval SLA "
        "(approval_sla_hours, default 4 h) since verification.",
        lambda projects, now, since: (
            Q(status=Status.UNDER_REVIEW)
            & _per_project(projects, lambda p: Q(verified_at__lt=now - _hours(p, "approval_sla_hours")))
        ),
    ),
    ExceptionMetric(
        "expiring_soon",
        "Expiring soon",
        "Approved or active permits whose planned end falls within the next expiring_soon_hours (default 4 h).",
        lambda projects, now, since: (
            Q(status__in=(Status.APPROVED, Status.ACTIVE), planned_end__gte=now)
            & _per_project(projects, lambda p: Q(planned_end__lte=now + _hours(p, "expiring_soon_hours")))
        ),
    ),
    ExceptionMetric(
        "isolation_pending",
        "Isolation pending",
        "Live permits (submitted to suspended) with an isolation not yet applied and verified.",
        # An isolation is added to a permit after the permit is made: from `since` on, the pending isolations made
        # since the window began (their index by time) are hashed, not every pending one in the table (at 1M permits
        # the live permits' of a year, 84,000: 26.8 ms of SQL against 5.3). Not narrowed to the report's projects:
        # told the project, the planner took the join for one row and probed the permits one by one (13.4 ms
        # against 5.7 at 100k permits).
        lambda projects, now, since: (
            Q(status__in=LIVE)
            & Q(
                Exists(
                    PermitIsolation.objects.filter(
                        permit=OuterRef("pk"),
                        status__in=(IsolationStatus.ASSIGNED, IsolationStatus.ISOLATED),
                        **({"created_at__gte": since} if since else {}),
                    )
                )
            )
        ),
        joins=True,
    ),
    ExceptionMetric(
        "closeout_pending",
        "Closeout pending",
        "Permits due to be handed back but not completed yet: expired ones, and active, suspended or handed-back "
        "(awaiting acceptance) ones whose planned end has passed.",
        lambda projects, now, since: (
            # The first clause is implied by the rest; stated, it lets PostgreSQL answer from the index of the
            # clocked statuses (it cannot see that an OR of statuses stays within them).
            Q(status__in=(Status.EXPIRED, Status.ACTIVE, Status.SUSPENDED, Status.HANDBACK_PENDING))
            & (
                Q(status=Status.EXPIRED)
                | Q(status__in=(Status.ACTIVE, Status.SUSPENDED, Status.HANDBACK_PENDING), planned_end__lt=now)
            )
        ),
    ),
    ExceptionMetric(
        "not_closed_properly",
        "Not closed properly",
        "Permits the system expired because their people did not close them within the grace time "
        "(a safety observation 'PTW not closed properly').",
        # The observation is made when the permit expires, after it was created: from `since` on, a few rows of
        # the observations' (kind, observed_at) index instead of every permit of the window probed (64 → 10 ms at
        # 1M permits).
        lambda projects, now, since: Q(
            Exists(
                SafetyObservation.objects.filter(
                    permit=OuterRef("pk"),
                    kind=ObservationKind.NOT_CLOSED_PROPERLY,
                    **({"observed_at__gte": since} if since else {}),
                )
            )
        ),
    ),
)
EXCEPTION_KINDS = tuple(metric.kind for metric in EXCEPTIONS)


def exception_metric(kind: str) -> ExceptionMetric:
    return next(metric for metric in EXCEPTIONS if metric.kind == kind)


@dataclass(frozen=True)
class DurationMetric:
    key: str
    label: str
    definition: str
    start: str
    end: str
    only: Q


DURATIONS: tuple[DurationMetric, ...] = (
    DurationMetric(
        "time_to_verify",
        "Average time to verify",
        "Mean time from the (latest) submission to verification, over permits verified.",
        "submitted_at",
        "verified_at",
        Q(),
    ),
    DurationMetric(
        "time_to_approve",
        "Average time to approve",
        "Mean time from verification to issue (approval), over permits approved.",
        "verified_at",
        "approved_at",
        Q(),
    ),
    DurationMetric(
        "time_to_close",
        "Average time to close",
        "Mean time from the start of work to hand-back (completion), over completed permits.",
        "actual_start",
        "actual_end",
        Q(status=Status.COMPLETED),
    ),
)

ON_TIME_DEFINITION = "Share of completed permits handed back no later than their planned end."


def duration_aggregates(permits: QuerySet[Permit]) -> dict[str, tuple[float | None, int]]:
    """Each duration's mean in hours (None without data) and how many permits it averages, in one query."""
    aggregates: dict[str, Aggregate] = {}
    for metric in DURATIONS:
        measured = Q(**{f"{metric.start}__isnull": False, f"{metric.end}__isnull": False}) & metric.only
        span = ExpressionWrapper(F(metric.end) - F(metric.start), output_field=DurationField())
        aggregates[f"{metric.key}__n"] = Count("id", filter=measured)
        aggregates[f"{metric.key}__spans"] = Sum(span, filter=measured, output_field=DurationField())
    row = permits.aggregate(**aggregates)
    result = {}
    for metric in DURATIONS:
        count, total = row[f"{metric.key}__n"], row[f"{metric.key}__spans"]
        result[metric.key] = ((total / count).total_seconds() / 3600 if count and total is not None else None, count)
    return result


def on_time_counts(permits: QuerySet[Permit]) -> tuple[int, int]:
    row = permits.aggregate(
        completed=Count("id", filter=Q(status=Status.COMPLETED)),
        on_time=Count("id", filter=Q(status=Status.COMPLETED, actual_end__lte=F("planned_end"))),
    )
    return row["completed"], row["on_time"]

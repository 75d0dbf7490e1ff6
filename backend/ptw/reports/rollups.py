"""Maintaining the report rollups (`ptw.reports.models`) in the transaction of every permit change, rebuilding them
from the permits, and reading the summary's figures from them.

A permit counts once, in the row of its project, creation day (in the rollup's time zone), type, status and risk
level. A change moves its contribution: the old contribution is taken off its row, the new one added to its row,
under the project's rollup zone lock so a rebuild never interleaves with a change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import connection, transaction
from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate

from ptw.permits.choices import Status
from ptw.permits.models import ObservationKind, Permit, SafetyObservation
from ptw.reports.models import NotClosedDayCount, PermitDayCount, RollupZone

SUMS = ("permits", "verified", "verify_us", "approved", "approve_us", "closed", "close_us", "on_time")
KEY = ("project_id", "day", "permit_type_id", "status", "risk_level")
# The spans each duration of the summary averages: (count column, µs column, start, end, only completed permits).
SPANS = (
    ("verified", "verify_us", "submitted_at", "verified_at", False),
    ("approved", "approve_us", "verified_at", "approved_at", False),
    ("closed", "close_us", "actual_start", "actual_end", True),
)
MICROSECOND = timedelta(microseconds=1)

Key = tuple[int, date, int, str, str]


@dataclass(frozen=True)
class Counted:
    key: Key
    sums: tuple[int, ...]


def permit_counted(permit: Any, zone: str) -> Counted:
    """What one permit adds to the rollups, its days taken in `zone`."""
    values: dict[str, int] = dict.fromkeys(SUMS, 0)
    values["permits"] = 1
    completed = permit.status == Status.COMPLETED
    for count, micros, start, end, only_completed in SPANS:
        began, ended = getattr(permit, start), getattr(permit, end)
        if began is not None and ended is not None and (completed or not only_completed):
            values[count], values[micros] = 1, (ended - began) // MICROSECOND
    if completed and permit.actual_end is not None and permit.actual_end <= permit.planned_end:
        values["on_time"] = 1
    day = permit.created_at.astimezone(ZoneInfo(zone)).date()
    key = (permit.project_id, day, permit.permit_type_id, permit.status, permit.risk_level or "")
    return Counted(key, tuple(values[name] for name in SUMS))


def zone_locked(project_id: int, time_zone: str) -> str:
    """Lock the project's rollup zone row (made on first use with the project's zone) and return its zone."""
    zone = RollupZone.objects.select_for_update().filter(project_id=project_id).values_list("time_zone", flat=True)
    found = zone.first()
    if found is None:
        RollupZone.objects.bulk_create([RollupZone(project_id=project_id, time_zone=time_zone)], ignore_conflicts=True)
        found = zone.first()
    assert found is not None
    return found


def _upsert(table: str, key: tuple[str, ...], sums: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    columns = (*key, *sums)
    placeholders = ", ".join(["%s"] * len(columns))
    update = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in sums)
    # Table and column names are this module's constants; every value is a parameter.
    insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608
    sql = insert + f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {update}"
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def rollups_move(before: Any | None, after: Any | None) -> None:
    """Take `before`'s contribution off the rollups and add `after`'s, in the caller's transaction."""
    permit = after or before
    assert permit is not None
    zone = zone_locked(permit.project_id, permit.project.time_zone)
    deltas: dict[Key, list[int]] = {}
    for sign, state in ((-1, before), (1, after)):
        if state is None:
            continue
        counted = permit_counted(state, zone)
        row = deltas.setdefault(counted.key, [0] * len(SUMS))
        for i, value in enumerate(counted.sums):
            row[i] += sign * value
    rows = [(*key, *sums) for key, sums in deltas.items() if any(sums)]
    if rows:
        _upsert(PermitDayCount._meta.db_table, KEY, SUMS, rows)


def not_closed_add(permit: Any) -> None:
    """Count the permit once as not closed properly, in the transaction that records its first such observation."""
    zone = zone_locked(permit.project_id, permit.project.time_zone)
    day = permit.created_at.astimezone(ZoneInfo(zone)).date()
    _upsert(NotClosedDayCount._meta.db_table, ("project_id", "day"), ("permits",), [(permit.project_id, day, 1)])


def on_permit_changed(sender: Any, before: Permit | None, after: Permit | None, **kwargs: Any) -> None:
    rollups_move(before, after)


def on_observation_saved(sender: Any, instance: SafetyObservation, created: bool, **kwargs: Any) -> None:
    if not created or instance.kind != ObservationKind.NOT_CLOSED_PROPERLY:
        return
    others = SafetyObservation.objects.filter(permit_id=instance.permit_id, kind=instance.kind).exclude(pk=instance.pk)
    if not others.exists():
        not_closed_add(instance.permit)


# ---- Rebuilding from the permits (also the direct computation the check command compares with) ----


def _span(start: str, end: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def direct_counts(project_id: int, zone: str, apps: Apps = global_apps) -> dict[Key, tuple[int, ...]]:
    """The rollup rows of one project computed directly from its permits, days taken in `zone`."""
    permit_model = apps.get_model("permits", "Permit")
    aggregates: dict[str, Any] = {"permits": Count("id")}
    for count, micros, start, end, only_completed in SPANS:
        measured = Q(**{f"{start}__isnull": False, f"{end}__isnull": False})
        if only_completed:
            measured &= Q(status=Status.COMPLETED)
        aggregates[count] = Count("id", filter=measured)
        aggregates[micros] = Sum(_span(start, end), filter=measured, output_field=DurationField())
    aggregates["on_time"] = Count("id", filter=Q(status=Status.COMPLETED, actual_end__lte=F("planned_end")))
    rows = (
        permit_model.objects.filter(project_id=project_id)
        .annotate(day=TruncDate("created_at", tzinfo=ZoneInfo(zone)))
        .values("day", "permit_type_id", "status", "risk_level")
        .annotate(**aggregates)
        .order_by()
    )
    result: dict[Key, tuple[int, ...]] = {}
    for values in rows:
        row: dict[str, Any] = dict(values)
        for _, micros, *_ in SPANS:
            row[micros] = (row[micros] or timedelta()) // MICROSECOND
        key = (project_id, row["day"], row["permit_type_id"], row["status"], row["risk_level"] or "")
        result[key] = tuple(row[name] for name in SUMS)
    return result


def direct_not_closed(project_id: int, zone: str, apps: Apps = global_apps) -> dict[tuple[int, date], int]:
    permit_model = apps.get_model("permits", "Permit")
    observation_model = apps.get_model("permits", "SafetyObservation")
    observed = observation_model.objects.filter(permit=OuterRef("pk"), kind=ObservationKind.NOT_CLOSED_PROPERLY)
    rows = (
        permit_model.objects.filter(Exists(observed), project_id=project_id)
        .annotate(day=TruncDate("created_at", tzinfo=ZoneInfo(zone)))
        .values("day")
        .annotate(permits=Count("id"))
        .order_by()
    )
    return {(project_id, row["day"]): row["permits"] for row in rows}


def stored_counts(project_id: int, apps: Apps = global_apps) -> dict[Key, tuple[int, ...]]:
    """The project's rollup rows as stored, leaving out rows that count nothing."""
    model = apps.get_model("reports", "PermitDayCount")
    result = {}
    for row in model.objects.filter(project_id=project_id).values(*KEY, *SUMS):
        sums = tuple(row[name] for name in SUMS)
        if any(sums):
            result[tuple(row[name] for name in KEY)] = sums
    return result


def stored_not_closed(project_id: int, apps: Apps = global_apps) -> dict[tuple[int, date], int]:
    model = apps.get_model("reports", "NotClosedDayCount")
    rows = model.objects.filter(project_id=project_id).exclude(permits=0).values_list("day", "permits")
    return {(project_id, day): permits for day, permits in rows}


def rollups_rebuild(project_ids: Iterable[int] | None = None, apps: Apps = global_apps) -> None:
    """Recompute the rollups of the projects (all by default) from their permits, days in each project's
    current time zone. Each project in its own transaction, under its zone lock."""
    project_model = apps.get_model("accounts", "Project")
    projects = project_model.objects.all()
    if project_ids is not None:
        projects = projects.filter(pk__in=list(project_ids))
    day_model = apps.get_model("reports", "PermitDayCount")
    not_closed_model = apps.get_model("reports", "NotClosedDayCount")
    zone_model = apps.get_model("reports", "RollupZone")
    for project in projects.order_by("pk").values("pk", "time_zone"):
        with transaction.atomic():
            zone_model.objects.bulk_create(
                [zone_model(project_id=project["pk"], time_zone=project["time_zone"])], ignore_conflicts=True
            )
            zone_model.objects.select_for_update().filter(project_id=project["pk"]).update(
                time_zone=project["time_zone"]
            )
            day_model.objects.filter(project_id=project["pk"]).delete()
            not_closed_model.objects.filter(project_id=project["pk"]).delete()
            counts = direct_counts(project["pk"], project["time_zone"], apps)
            day_model.objects.bulk_create(
                [day_model(**dict(zip(KEY + SUMS, key + sums, strict=True))) for key, sums in counts.items()],
                batch_size=1000,
            )
            not_closed = direct_not_closed(project["pk"], project["time_zone"], apps)
            not_closed_model.objects.bulk_create(
                [not_closed_model(project_id=pid, day=day, permits=n) for (pid, day), n in not_closed.items()],
                batch_size=1000,
            )

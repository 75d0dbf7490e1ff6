"""Reports through HTTP: the summary's counts and metrics by their definitions, the permits behind every
exception agreeing with its count, days in the project's time zone, scope, exports and bad input."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from ptw.permits.models import Permit, PermitIsolation, PermitTypeOverride, SafetyObservation
from ptw.permits.services.transitions import expire_due
from ptw.permits.tests.conftest import PATHS
from ptw.reports.exports import FORMULA_START, neutralised
from ptw.reports.metrics import EXCEPTION_KINDS
from ptw.reports.rollups import rollups_rebuild
from ptw.reports.tests.conftest import EXCEPTIONS, EXPORT, SUMMARY, World

Build = Callable[..., dict[str, Any]]


def summary(world: World, who: str = "viewer", **params: Any) -> dict[str, Any]:
    response = world.client(who).get(SUMMARY, params)
    assert response.status_code == 200, response.json()
    data: dict[str, Any] = response.json()
    return data


def exceptions_of(data: dict[str, Any]) -> dict[str, int]:
    return {row["kind"]: row["count"] for row in data["exceptions"]}


def test_counts_by_status_type_and_risk_cover_the_callers_permits(world: World, permit_in: Build) -> None:
    for status in ("draft", "submitted", "submitted", "approved", "completed"):
        permit_in(status)
    globex = world.globex.people["requester"]
    world.client(globex).post(
        "/api/v1/ptw/permits/",
        {
            **world.permit_body(),
            "project": world.globex.project.id,
            "permit_type": world.ptype("general", world.globex).id,
        },
        format="json",
    )
    data = summary(world)
    assert data["total"] == 5
    assert {row["status"]: row["count"] for row in data["by_status"]} == {
        "approved": 1,
        "completed": 1,
        "draft": 1,
        "submitted": 2,
    }
    assert [(row["name"], row["count"]) for row in data["by_type"]] == [("General / cold work", 5)]
    assert sum(row["count"] for row in data["by_risk"]) == 5
    assert summary(world, who="outsider")["total"] == 1
    assert world.client("outsider").get(SUMMARY, {"project": world.acme.project.id}).status_code == 404


def test_days_are_whole_days_in_the_project_time_zone(world: World) -> None:
    world.acme.project.time_zone = "America/Chicago"
    world.acme.project.save()
    late_evening = datetime(2026, 3, 10, 23, 30, tzinfo=ZoneInfo("America/Chicago"))  # 05:30 UTC on the 11th
    with time_machine.travel(late_evening, tick=False):
        world.create(
            planned_start=(late_evening + timedelta(hours=1)).isoformat(),
            planned_end=(late_evening + timedelta(hours=5)).isoformat(),
        )
    assert summary(world, date_from="2026-03-10", date_to="2026-03-10")["total"] == 1
    assert summary(world, date_from="2026-03-11", date_to="2026-03-11")["total"] == 0


def test_overdue_verification_follows_the_project_sla(world: World, permit_in: Build) -> None:
    slow, fresh = permit_in("submitted"), permit_in("submitted")
    Permit.objects.filter(pk=slow["id"]).update(submitted_at=timezone.now() - timedelta(hours=5))
    Permit.objects.filter(pk=fresh["id"]).update(submitted_at=timezone.now() - timedelta(hours=3))
    assert exceptions_of(summary(world))["overdue_verification"] == 1
    listed = world.client("viewer").get(EXCEPTIONS, {"kind": "overdue_verification"}).json()
    assert [p["id"] for p in listed["results"]] == [slow["id"]]
    world.acme.project.ptw_settings = {**world.acme.project.ptw_settings, "verification_sla_hours": 2}
    world.acme.project.save()
    assert exceptions_of(summary(world))["overdue_verification"] == 2


def test_each_exception_lists_exactly_the_permits_it_counts(world: World, permit_in: Build) -> None:
    unclosed = permit_in("approved")
    with time_machine.travel(timezone.now() + timedelta(hours=9)):
        assert expire_due() == [unclosed["id"]]
    assert SafetyObservation.objects.filter(permit_id=unclosed["id"], kind="not_closed_properly").count() == 1
    late = permit_in("under_review")
    Permit.objects.filter(pk=late["id"]).update(verified_at=timezone.now() - timedelta(hours=6))
    ending = permit_in("approved")
    Permit.objects.filter(pk=ending["id"]).update(planned_end=timezone.now() + timedelta(hours=2))
    isolated = permit_in("submitted")
    PermitIsolation.objects.create(
        permit_id=isolated["id"], project_id=isolated["project"], name="Valve V-12", energy_type="process"
    )
    overrun = permit_in("active")
    Permit.objects.filter(pk=overrun["id"]).update(planned_end=timezone.now() - timedelta(minutes=10))

    counts = exceptions_of(summary(world))
    assert counts == {
        "overdue_verification": 0,
        "overdue_approval": 1,
        "expiring_soon": 1,
        "isolation_pending": 1,
        "closeout_pending": 2,  # the overrun active permit and the expired one
        "not_closed_properly": 1,
    }
    for kind in EXCEPTION_KINDS:
        listed = world.client("viewer").get(EXCEPTIONS, {"kind": kind, "page_size": 100}).json()
        assert listed["count"] == counts[kind], kind
    listed_ids = {
        kind: [p["id"] for p in world.client("viewer").get(EXCEPTIONS, {"kind": kind}).json()["results"]]
        for kind in ("overdue_approval", "expiring_soon", "isolation_pending", "not_closed_properly")
    }
    assert listed_ids == {
        "overdue_approval": [late["id"]],
        "expiring_soon": [ending["id"]],
        "isolation_pending": [isolated["id"]],
        "not_closed_properly": [unclosed["id"]],
    }


def test_an_automatic_permit_expires_without_a_safety_observation(world: World) -> None:
    PermitTypeOverride.objects.create(
        project=world.acme.project, permit_type=world.ptype("general"), values={"closing_mode": "automatic"}
    )
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    with time_machine.travel(timezone.now() + timedelta(hours=7)):
        assert permit["id"] in expire_due()
    assert not SafetyObservation.objects.exists()
    assert exceptions_of(summary(world))["not_closed_properly"] == 0


def test_durations_and_the_on_time_rate(world: World, permit_in: Build) -> None:
    first, second = permit_in("completed"), permit_in("completed")
    now = timezone.now()
    Permit.objects.filter(pk__in=[first["id"], second["id"]]).update(planned_start=now - timedelta(hours=12))
    Permit.objects.filter(pk=first["id"]).update(
        submitted_at=now - timedelta(hours=10),
        verified_at=now - timedelta(hours=8),
        approved_at=now - timedelta(hours=7),
        actual_start=now - timedelta(hours=6),
        actual_end=now - timedelta(hours=3),
        planned_end=now - timedelta(hours=2),
    )
    Permit.objects.filter(pk=second["id"]).update(
        submitted_at=now - timedelta(hours=10),
        verified_at=now - timedelta(hours=6),
        approved_at=now - timedelta(hours=5),
        actual_start=now - timedelta(hours=5),
        actual_end=now - timedelta(hours=1),
        planned_end=now - timedelta(hours=2),
    )
    rollups_rebuild()  # the times were written under the services: count the permits again, as an operator would
    data = summary(world)
    durations = {row["key"]: (row["average_hours"], row["permits"]) for row in data["durations"]}
    assert durations["time_to_verify"][0] == pytest.approx(3.0)
    assert durations["time_to_approve"][0] == pytest.approx(1.0)
    assert durations["time_to_close"] == (pytest.approx(3.5), 2)
    assert data["on_time_close_rate"] == {
        "value": 0.5,
        "completed": 2,
        "on_time": 1,
        "definition": data["on_time_close_rate"]["definition"],
    }


def test_without_data_the_averages_and_rate_are_null(world: World) -> None:
    data = summary(world)
    assert data["total"] == 0
    assert all(row["average_hours"] is None and row["permits"] == 0 for row in data["durations"])
    assert data["on_time_close_rate"]["value"] is None


def test_the_summary_costs_the_same_queries_for_few_or_many_permits(world: World, permit_in: Build) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            summary(world)
        return len(captured)

    permit_in("submitted")
    summary(world)
    few = queries()
    for status in ("approved", "active", "completed", "rejected", "draft", "submitted"):
        permit_in(status)
    summary(world)
    assert queries() == few


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "date_to"),
        ({"date_from": "2025-01-01", "date_to": "2026-05-01"}, "date_from"),
        ({"date_from": "yesterday"}, "date_from"),
        ({"project": "acme"}, "project"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_report_parameters_are_refused(world: World, params: dict[str, str], field: str) -> None:
    response = world.client("viewer").get(SUMMARY, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_an_exception_list_needs_a_known_kind(world: World) -> None:
    for params in ({}, {"kind": "late_lunch"}):
        response = world.client("viewer").get(EXCEPTIONS, params)
        assert response.status_code == 400
        assert "kind" in response.json()["error"]["fields"]


def test_the_csv_export_follows_the_list_filters_and_neutralises_formulas(world: World, permit_in: Build) -> None:
    hostile = world.create(title='=HYPERLINK("http://evil.example","Click")')
    world.walk(hostile["id"], PATHS["submitted"])
    permit_in("draft")
    response = world.client("viewer").get(EXPORT, {"format": "csv", "status": "submitted"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="ptw-permits.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Permit number", "Title", "Type", "Status"]
    assert [(row[0], row[1], row[3]) for row in rows[1:]] == [
        (hostile["permit_number"], "'" + hostile["title"], "submitted")
    ]
    # Times in the project's time zone, to the minute (planned start and end, created; then the zone's name).
    zone = ZoneInfo(rows[1][15])
    stamps = [datetime.fromisoformat(hostile[name]).astimezone(zone) for name in ("planned_start", "planned_end")]
    assert rows[1][9:11] == [stamp.strftime("%Y-%m-%d %H:%M") for stamp in stamps]


@pytest.mark.parametrize("start", FORMULA_START)
def test_every_formula_start_is_neutralised_and_nothing_else(start: str) -> None:
    cells = [f"{start}SUM(A1)", "plain", "a=b", "", 5, None, 2.5]
    assert neutralised(cells) == [f"'{start}SUM(A1)", "plain", "a=b", "", 5, None, 2.5]


def test_the_excel_export_opens_and_holds_the_rows(world: World, permit_in: Build) -> None:
    for status in ("submitted", "approved"):
        permit_in(status)
    response = world.client("viewer").get(EXPORT, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Permit number"
    assert sorted(row[3] for row in values[1:]) == ["approved", "submitted"]


def test_exports_need_a_known_format_and_valid_filters(world: World) -> None:
    assert world.client("viewer").get(EXPORT).status_code == 400
    assert world.client("viewer").get(EXPORT, {"format": "pdf"}).status_code == 400
    bad = world.client("viewer").get(EXPORT, {"format": "csv", "status": "sleeping"})
    assert bad.status_code == 400
    assert "status" in bad.json()["error"]["fields"]
    assert world.client("outsider").get(EXPORT, {"format": "csv"}).status_code == 200


def test_the_summary_exports_with_its_definitions(world: World, permit_in: Build) -> None:
    permit_in("submitted")
    response = world.client("viewer").get(SUMMARY, {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Item", "Value", "Definition"]
    exceptions = {row[1]: row for row in rows if row[0] == "Exceptions"}
    assert exceptions["Overdue verification"][2] == "0"
    assert exceptions["Overdue verification"][3].startswith("Submitted permits waiting")
    workbook = world.client("viewer").get(SUMMARY, {"format": "xlsx"})
    assert load_workbook(io.BytesIO(workbook.content)).active["A1"].value == "Section"


def unassessed_draft(world: World) -> dict[str, Any]:
    body = world.permit_body()
    del body["probability"], body["severity"]
    response = world.client("requester").post("/api/v1/ptw/permits/", body, format="json")
    assert response.status_code == 201, response.json()
    permit: dict[str, Any] = response.json()
    return permit


def test_risk_counts_drafts_not_assessed_yet_as_their_own_last_row(world: World, permit_in: Build) -> None:
    permit_in("submitted")  # 3 x 4: high
    world.create(probability=1, severity=2)
    unassessed_draft(world)
    unassessed_draft(world)
    data = summary(world)
    assert data["by_risk"] == [
        {"risk_level": "low", "count": 1},
        {"risk_level": "high", "count": 1},
        {"risk_level": None, "count": 2},
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(world.client("viewer").get(SUMMARY, {"format": "csv"}).streaming_content).decode("utf-8-sig")
            )
        )
    )
    assert [row[1:3] for row in rows if row[0] == "By risk"] == [["low", "1"], ["high", "1"], ["Not assessed", "2"]]


def test_the_permit_export_says_not_assessed(world: World) -> None:
    draft = unassessed_draft(world)
    response = world.client("viewer").get(EXPORT, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, row = rows[0], next(row for row in rows[1:] if row[0] == draft["permit_number"])
    assert (row[header.index("Risk level")], row[header.index("Risk score")]) == ("Not assessed", "")
    sheet = load_workbook(io.BytesIO(world.client("viewer").get(EXPORT, {"format": "xlsx"}).content)).active
    values = list(sheet.values)
    cells = next(cells for cells in values[1:] if cells[0] == draft["permit_number"])
    assert (cells[values[0].index("Risk level")], cells[values[0].index("Risk score")]) == ("Not assessed", None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_the_summary_and_the_exceptions_read_indexes_not_the_project_s_permits(world: World, permit_in: Build) -> None:
    # Every query over permits the summary and an exception list make, planned with sequential scans forbidden:
    # each finds an index path, none reads the project's permits or isolations by a scan.
    for status in ("submitted", "active", "completed"):
        permit_in(status)
    plans = []
    for path, params in ((SUMMARY, {}), (EXCEPTIONS, {"kind": "isolation_pending"})):
        with CaptureQueriesContext(connection) as captured:
            assert world.client("viewer").get(path, params).status_code == 200
        for query in captured.captured_queries:
            if "permits_permit" not in query["sql"] or not query["sql"].startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute(f"EXPLAIN {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    joined = "\n\n".join(plans)
    assert "Seq Scan on permits_permit " not in joined and "Seq Scan on permits_permitisolation" not in joined, joined
    # Which index a tiny table's plan picks varies (the partial ones over clocked permits or the project's); on
    # the benchmark's 100k permits they are the partial ones (docs/benchmarks.md).
    assert len(plans) >= 4 and all("Index" in plan for plan in plans), joined


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_isolation_pending_reads_only_the_pending_isolations_made_since_the_window_began(
    world: World, permit_in: Build
) -> None:
    # The summary and the exception list, each planned with the pending isolations' own index the only way to read
    # them (the others dropped inside the test's transaction): its condition holds the window's start, so neither
    # reads the pending isolations of every year. Without `since` it held none.
    isolated = permit_in("submitted")
    PermitIsolation.objects.create(
        permit_id=isolated["id"], project_id=isolated["project"], name="Valve V-12", energy_type="process"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'permits_permitisolation' "
            "AND indexname NOT IN ('isolation_pending', 'permits_permitisolation_pkey')"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
    plans = []
    for path in (SUMMARY, EXCEPTIONS):
        params = {"project": isolated["project"], "kind": "isolation_pending"}
        with CaptureQueriesContext(connection) as captured:
            response = world.client("viewer").get(path, params)
        assert response.status_code == 200
        sql = next(q["sql"] for q in captured.captured_queries if "permits_permitisolation" in q["sql"])
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert exceptions_of(summary(world, project=isolated["project"]))["isolation_pending"] == 1
    for plan in plans:
        lines = plan.splitlines()
        scan = next(i for i, line in enumerate(lines) if "using isolation_pending" in line)
        assert "Index Cond: (created_at >=" in lines[scan + 1], plan


def test_an_exception_list_pages_in_planned_end_order_with_its_count(world: World, permit_in: Build) -> None:
    # Read as the ids in order, then the page's rows: pages follow one another, the order is the planned end
    # (the id breaking ties), and the count is exact.
    ids = [permit_in("submitted")["id"] for _ in range(7)]
    now = timezone.now()
    for offset, permit_id in enumerate(ids):
        end = now + timedelta(days=2, hours=offset % 3)  # ties: three ends for seven permits
        Permit.objects.filter(pk=permit_id).update(submitted_at=now - timedelta(hours=5), planned_end=end)
    expected = list(Permit.objects.filter(pk__in=ids).order_by("planned_end", "id").values_list("id", flat=True))
    pages = [
        world.client("viewer").get(EXCEPTIONS, {"kind": "overdue_verification", "page_size": 3, "page": n}).json()
        for n in (1, 2, 3)
    ]
    assert [p["count"] for p in pages] == [7, 7, 7] and all(p["count_exact"] for p in pages)
    assert [row["id"] for page in pages for row in page["results"]] == expected
    assert pages[0]["results"][0]["permit_type"]["code"] and pages[0]["results"][0]["requester"]["name"]
    assert world.client("viewer").get(EXCEPTIONS, {"kind": "overdue_verification", "page": 4}).status_code == 404


# The summary (the caller authenticated): the project asked for (404 outside the scope), the report's projects
# (read once for the days, the rollups and the clocked exceptions), whether their rollups are current, the
# rollups, the clocked exceptions without a subquery (one query) and with one (a query each), the rollup of the
# permits expired unclosed.
SUMMARY_QUERIES = 7
# An exception's list: the project asked for, the report's projects, the exception's ids, the page's rows, their
# types, their people (their nodes when they have any).
EXCEPTION_QUERIES = 6


def test_the_summary_and_an_exception_list_read_in_fixed_queries(world: World, permit_in: Build) -> None:
    client = world.client("viewer")
    project = {"project": world.acme.project.id}
    counts = []
    for n in (1, 6):
        while Permit.objects.count() < n:
            permit_in("submitted")
        Permit.objects.update(submitted_at=timezone.now() - timedelta(days=2))
        for path, params in ((SUMMARY, project), (EXCEPTIONS, {**project, "kind": "overdue_verification"})):
            client.get(path, params)  # the session and rollups settled
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, params)
            assert response.status_code == 200
            counts.append(len(captured.captured_queries))
            if path == EXCEPTIONS:
                assert response.json()["count"] == n
    assert counts == [SUMMARY_QUERIES, EXCEPTION_QUERIES] * 2, counts

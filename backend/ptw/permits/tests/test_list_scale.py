"""The lists at scale: one index per ordering the list offers (a table test, and on PostgreSQL the plan), ties
broken by id on every page, the bounded count, lean reads (no password hashes), and flat query counts."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.permits.choices import Status, TaskKind, TaskState
from ptw.permits.filters import PermitFilter
from ptw.permits.models import Permit, PermitIsolation, PermitTask
from ptw.permits.models.permit import CLOCKED_STATUSES, LIST_FILTER_INDEXED
from ptw.permits.selectors import live_isolations, permit_list, tasks_for
from ptw.permits.simops import live_status, window_meets
from ptw.permits.tests.conftest import URL, World
from ptw.permits.tests.test_scope_and_list import LIST_QUERIES
from ptw.permits.workflow import ISOLATION_APPLIED, LIVE
from ptw.reports.exports import csv_stream

ORDERINGS = [choice for choice, _label in PermitFilter.base_filters["ordering"].extra["choices"]]


def _index_fields(model: Any) -> dict[str, list[str]]:
    return {index.name: list(index.fields) for index in model._meta.indexes}


@pytest.mark.parametrize("ordering", [o for o in ORDERINGS if not o.startswith("-")])
def test_every_ordering_the_list_offers_has_its_index(ordering: str) -> None:
    # Both directions walk the same index (backwards for `-field`), within one project, id as the tiebreaker.
    assert ["project", ordering, "id"] in _index_fields(Permit).values()


def test_the_orderings_offered_are_the_ui_s_and_more() -> None:
    offered = {o.lstrip("-") for o in ORDERINGS}
    assert {"permit_number", "title", "status", "risk_score", "planned_start", "planned_end", "created_at"} <= offered
    assert {f"-{o}" for o in offered} <= set(ORDERINGS)


def test_the_register_index_is_on_exactly_the_applied_statuses() -> None:
    (index,) = [i for i in PermitIsolation._meta.indexes if i.name == "isolation_register"]
    assert index.condition is not None
    (lookup, statuses) = index.condition.children[0]
    assert lookup == "status__in" and set(statuses) == set(ISOLATION_APPLIED)


def test_the_clocked_indexes_cover_exactly_the_live_and_expired_statuses() -> None:
    assert set(CLOCKED_STATUSES) == LIVE | {Status.EXPIRED}
    for name in ("permit_clocked_window", "permit_clocked_by_end"):
        (index,) = [i for i in Permit._meta.indexes if i.name == name]
        assert index.condition is not None and set(index.condition.children[0][1]) == set(CLOCKED_STATUSES)


def _plan(sql: str, params: Any) -> str:
    with connection.cursor() as cursor:
        # Tiny test tables make a sequential scan and a sort look cheapest; forbid both so the planner shows
        # whether an index gives the order (it still sorts, at a huge cost, when none can).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _filtered(world: World, query: dict[str, str]) -> Any:
    class Request:  # what the filter reads of a request: the caller
        user = world["viewer"]

    filterset = PermitFilter(query, queryset=permit_list(world["viewer"]), request=Request())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
@pytest.mark.parametrize("ordering", [None, *ORDERINGS])
def test_a_list_page_is_an_index_walk_for_every_ordering(world: World, ordering: str | None) -> None:
    project = str(world.acme.project.id)
    query = {"project": project, **({"ordering": ordering} if ordering else {})}
    sql, params = _filtered(world, query)[:25].query.sql_with_params()
    plan = _plan(sql, params)
    field = (ordering or "-planned_start").lstrip("-")
    assert f"permit_list_{field}" in plan, plan
    assert "Sort" not in plan and "Seq Scan on permits_permit" not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
@pytest.mark.parametrize("field", LIST_FILTER_INDEXED)
def test_a_filtered_pages_ids_are_read_from_the_filters_index_alone(world: World, field: str) -> None:
    # The page's ids, as the list reads them first (`BoundedPaginator.page`): the filter's own index, in the
    # default order, without a visit to the table (asked for whole rows, PostgreSQL preferred an index in the
    # table's order, filtered: docs/benchmarks.md).
    permit = Permit.objects.get(pk=world.create()["id"])
    value = {"permit_type": str(permit.permit_type_id), "risk_level": "high", "status": "draft"}.get(field)
    value = value or str(getattr(permit, f"{field}_id") or world["requester"].id)
    rows = _filtered(world, {"project": str(world.acme.project.id), field: value})
    plan = _plan(*rows.values_list("pk", flat=True)[:25].query.sql_with_params())
    assert f"Index Only Scan Backward using permit_filter_{field}" in plan, plan
    assert "Sort" not in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_tasks_and_the_register_walk_their_indexes(world: World) -> None:
    # The page and its count each read the list's own partial index, scoped by the project it holds: no permit
    # is read to find or count the rows (only the page's 25 permits are joined for what a row shows).
    tasks = tasks_for(world["verifier"])
    register = live_isolations(world["viewer"], world.acme.project.id)
    for rows, index in ((tasks, "task_open_for_assignee"), (register, "isolation_register")):
        plan = _plan(*rows[:25].query.sql_with_params())
        assert index in plan and "Sort" not in plan and "Seq Scan on permits_" not in plan, plan
        count = _plan(*rows.order_by()[:10001].values("pk").query.sql_with_params())
        assert f"Index Only Scan using {index}" in count and "permits_permit " not in count, count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_search_reads_the_trigram_index(world: World) -> None:
    # The search's condition alone, with the scans that cannot use an index forbidden: it is answered from the
    # trigram index only when the index's expressions are exactly those the search compares.
    rows = PermitFilter(request=None).filter_search(Permit.objects.all(), "search", "flange")
    sql, params = rows.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert plan.count("Bitmap Index Scan on permit_search_trgm") == 4 and "Seq Scan" not in plan, plan


def test_a_window_meets_the_permits_it_overlaps_and_an_empty_one_none(world: World) -> None:
    permit = Permit.objects.get(pk=world.create()["id"])
    start, end, project = permit.planned_start, permit.planned_end, permit.project_id
    assert Permit.objects.filter(window_meets(project, start, end)).count() == 1
    assert Permit.objects.filter(window_meets(world.globex.project.id, start, end)).count() == 0  # another project's
    assert Permit.objects.filter(window_meets(project, end, end + timedelta(hours=1))).count() == 0  # touching only
    assert not Permit.objects.filter(window_meets(project, end - timedelta(minutes=1), start + timedelta(minutes=1)))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_live_permits_meeting_a_window_read_the_gist_index_of_live_windows(world: World) -> None:
    # The board's and the conflicts' question: a project's live permits whose window overlaps a span, whatever the
    # span (an old permit's or today's). The index holds exactly the live statuses, and the query names them in the
    # order the index's predicate does (else PostgreSQL also reads the status index: 6 to 8 ms at 1M permits).
    start = timezone.now()
    rows = Permit.objects.filter(window_meets(world.acme.project.id, start, start + timedelta(hours=8)), live_status())
    with connection.cursor() as cursor:
        # On a table this small any index leading with the project is as cheap as another: drop those (the test's
        # transaction puts them back) so that the plan shows whether the GiST index answers the project too. Its
        # `btree_gist` column compares a bigint with a bigint only: with a bare number (an integer) it answered the
        # window alone, every project's live windows (12,148 for a day at 1M permits in 20 projects: 10.4 ms).
        cursor.execute(
            "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0] "
            "WHERE x.indrelid = 'permits_permit'::regclass AND a.attname = 'project_id' "
            "AND i.relname <> 'permit_live_span' "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
        )
        for (index,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{index}"')
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = rows.values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'permit_live_span'")
        (definition,) = cursor.fetchone()
    asked = re.findall(r"Bitmap Index Scan on permit_live_span .*\n\s*Index Cond: (.*)", plan)
    assert len(asked) == 1 and "tstzrange(planned_start, planned_end) &&" in asked[0], plan
    assert "project_id = " in asked[0], plan
    assert "tstzrange(planned_start, planned_end)" in definition, definition
    predicate = re.findall(r"'(\w+)'", definition.split("WHERE", 1)[1])
    assert set(predicate) == LIVE, definition
    assert [p for p in params if isinstance(p, str)] == predicate  # the statuses, in the predicate's order


@pytest.mark.parametrize("ordering", [None, "title", "-risk_score", "created_at"])
def test_a_month_of_creation_keeps_the_order_asked_for(world: World, ordering: str | None) -> None:
    created = [world.create() for _ in range(4)]
    day = timezone.localdate() - timedelta(days=40)
    for n, permit in enumerate(created):
        at = timezone.now() - timedelta(days=41 + n if n else 5)  # the first is outside the month
        Permit.objects.filter(pk=permit["id"]).update(created_at=at, title=f"Permit {3 - n}", risk_score=n % 2 or None)
    month = f"created_from={day - timedelta(days=30)}&created_to={day}"
    query = f"project={world.acme.project.id}&{month}" + (f"&ordering={ordering}" if ordering else "")
    listed = _ids(world.client("viewer"), query)
    expected = list(_filtered(world, {"ordering": ordering} if ordering else {}).values_list("id", flat=True))
    assert listed == [pk for pk in expected if pk in {p["id"] for p in created[1:]}]
    if connection.vendor == "postgresql":
        rows = _filtered(world, {"created_from": str(day - timedelta(days=30)), "created_to": str(day)})
        sql, params = rows[:25].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        # The order is a sort of the month's permits, which no ordering index can give (on a tiny table any index
        # is as good as another; at 100k and 1M permits it is the creation index: docs/benchmarks.md).
        assert "Sort Key: (COALESCE(permits_permit.planned_start, permits_permit.planned_start)) DESC" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_mine_tasks_is_a_semi_join_on_open_tasks_keeping_the_order_s_index(world: World) -> None:
    rows = _filtered(world, {"project": str(world.acme.project.id), "mine": "tasks"})
    assert not rows.query.distinct
    plan = _plan(*rows[:25].query.sql_with_params())
    assert "permit_list_planned_start" in plan and "task_open_for_assignee" in plan, plan
    assert "Sort" not in plan and "Seq Scan on permits_" not in plan, plan


def test_mine_tasks_counts_each_permit_of_the_persons_open_tasks_once(world: World) -> None:
    """`mine=tasks` alone is counted from the person's open tasks (`PermitFilter.counted`): a permit once however
    many of its tasks wait on them, a closed task not at all, as counting the permits does; with another filter the
    permits are counted."""
    permits = [world.create() for _ in range(4)]
    for permit in permits[:3]:
        world.walk(permit["id"], [("submit", "requester")])
    verifier = world["verifier"]
    assert PermitTask.objects.filter(assignee=verifier, state=TaskState.OPEN).count() == 3
    PermitTask.objects.create(
        permit_id=permits[0]["id"], project=world.acme.project, kind=TaskKind.APPROVE, assignee=verifier
    )
    PermitTask.objects.create(
        permit_id=permits[3]["id"],
        project=world.acme.project,
        kind=TaskKind.VERIFY,
        assignee=verifier,
        state=TaskState.DONE,
    )
    client = world.client("verifier")
    project = world.acme.project.id
    for query, expected in (
        ("mine=tasks", 3),
        (f"mine=tasks&project={project}", 3),
        (f"mine=tasks&project={project}&ordering=title&page_size=2", 3),
        (f"mine=tasks&project={world.globex.project.id}", 0),
        ("mine=tasks&status=draft", 0),
        ("mine=tasks&status=submitted", 3),
    ):
        with CaptureQueriesContext(connection) as read:
            body = client.get(f"{URL}?{query}").json()
        assert (body["count"], body["count_exact"]) == (expected, True), (query, body)
        (count,) = [q["sql"] for q in read.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
        counted_from = count.split(" FROM ")[2].split()[0]  # the table the bounded subquery reads
        assert counted_from == ('"permits_permit"' if "status" in query else '"permits_permittask"'), (query, count)
    with override_settings(PTW_LIST_COUNT_LIMIT=2):
        body = client.get(f"{URL}?mine=tasks&page_size=1").json()
        assert (body["count"], body["count_exact"]) == (2, False)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's")
def test_mine_tasks_is_counted_from_the_open_tasks_index_alone(world: World) -> None:
    filterset = PermitFilter(
        {"project": str(world.acme.project.id), "mine": "tasks"},
        queryset=permit_list(world["verifier"]),
        request=type("Request", (), {"user": world["verifier"]})(),
    )
    assert filterset.is_valid(), filterset.errors
    counted = filterset.counted
    assert counted is not None
    plan = _plan(*counted[:10001].query.sql_with_params())
    assert "Index Only Scan using task_open_for_assignee" in plan and "permits_permit " not in plan, plan


def _ids(client: APIClient, query: str) -> list[int]:
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.json()
    return [p["id"] for p in response.json()["results"]]


@pytest.mark.parametrize("ordering", ORDERINGS)
def test_ties_are_broken_by_id_in_the_direction_asked_on_every_page(world: World, ordering: str) -> None:
    if ordering.lstrip("-") == "permit_number":
        pytest.skip("permit numbers are unique in a project: no ties")
    # The same body five times, then the same times: equal in every ordered field but the id.
    created = [world.create() for _ in range(5)]
    first = Permit.objects.order_by("id").first()
    assert first is not None
    Permit.objects.update(
        created_at=first.created_at,
        updated_at=first.updated_at,
        planned_start=first.planned_start,
        planned_end=first.planned_end,
    )
    ids = sorted(p["id"] for p in created)
    expected = list(reversed(ids)) if ordering.startswith("-") else ids
    client = world.client("viewer")
    assert _ids(client, f"ordering={ordering}") == expected
    paged = [i for page in (1, 2, 3) for i in _ids(client, f"ordering={ordering}&page_size=2&page={page}")]
    assert paged == expected


def test_several_orderings_end_with_the_id_of_the_last_direction(world: World) -> None:
    first, second = world.create(), world.create()
    Permit.objects.update(created_at=Permit.objects.get(pk=first["id"]).created_at)
    client = world.client("viewer")
    assert _ids(client, "ordering=status,-created_at") == [second["id"], first["id"]]
    assert _ids(client, "ordering=-status,created_at") == [first["id"], second["id"]]


@override_settings(PTW_LIST_COUNT_LIMIT=3)
def test_beyond_the_bound_the_count_is_the_bound_and_deeper_pages_are_refused(world: World) -> None:
    for _ in range(5):
        world.create()
    client = world.client("viewer")
    body = client.get(f"{URL}?page_size=2").json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (3, False, 2)
    assert body["next"] is not None
    # Only the first `bound` rows can be paged through: page 2 holds the third and is the last.
    last = client.get(f"{URL}?page_size=2&page=2").json()
    assert (len(last["results"]), last["next"]) == (1, None)
    deep = client.get(f"{URL}?page_size=2&page=3")
    assert deep.status_code == 400
    assert "page" in deep.json()["error"]["fields"]
    # Filtered down within the bound, the count is exact again; past the real end is still a 404.
    mine = client.get(f"{URL}?page_size=2&status=active").json()
    assert (mine["count"], mine["count_exact"]) == (0, True)
    assert client.get(f"{URL}?page_size=2&status=active&page=2").status_code == 404


@override_settings(PTW_LIST_COUNT_LIMIT=4, PTW_SEARCH_COUNT_LIMIT=2)
def test_a_search_counts_to_its_own_lower_bound(world: World) -> None:
    for _ in range(3):
        world.create()
    client = world.client("viewer")
    listed = client.get(f"{URL}?page_size=1").json()
    assert (listed["count"], listed["count_exact"]) == (3, True)
    found = client.get(f"{URL}?page_size=1&search={listed['results'][0]['title'][:6]}").json()
    assert (found["count"], found["count_exact"]) == (2, False)
    deep = client.get(f"{URL}?page_size=1&page=3&search={listed['results'][0]['title'][:6]}")
    assert deep.status_code == 400 and "first 2 rows" in deep.json()["error"]["fields"]["page"][0]
    assert client.get(f"{URL}?page_size=1&search=%20").json()["count_exact"] is True  # a blank search is none


@override_settings(PTW_LIST_COUNT_LIMIT=5)
def test_at_the_bound_the_count_is_exact(world: World) -> None:
    for _ in range(5):
        world.create()
    body = world.client("viewer").get(f"{URL}?page_size=2").json()
    assert (body["count"], body["count_exact"]) == (5, True)
    assert len(world.client("viewer").get(f"{URL}?page_size=2&page=3").json()["results"]) == 1


@override_settings(PTW_LIST_COUNT_LIMIT=1)
def test_every_paged_list_carries_the_bound(world: World) -> None:
    for _ in range(2):
        world.walk(world.create()["id"], [("submit", "requester")])
    body = world.client("verifier").get("/api/v1/ptw/tasks/").json()
    assert (body["count"], body["count_exact"]) == (1, False)


def test_the_list_reads_no_password_hash_and_only_the_rows_shown(world: World) -> None:
    for _ in range(3):
        world.create()
    client = APIClient()
    client.force_login(world["viewer"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{URL}?page_size=2")
    assert response.status_code == 200
    assert len(ctx.captured_queries) == LIST_QUERIES
    permit_sql = [q["sql"] for q in ctx.captured_queries if "permits_permit" in q["sql"]]
    assert permit_sql and all("password" not in sql for sql in permit_sql)
    # The count is bounded: COUNT over a LIMITed subquery.
    assert any("COUNT(" in sql.upper() and "LIMIT" in sql.upper() for sql in permit_sql)
    # A deeper page, or a filtered first page, reads its ids first, then its rows by those ids: one query more,
    # whatever the depth.
    for query in ("page_size=1&page=2", "page_size=1&page=3", "page_size=2&status=draft"):
        with CaptureQueriesContext(connection) as deep:
            assert client.get(f"{URL}?{query}").status_code == 200
        assert len(deep.captured_queries) == LIST_QUERIES + 1
    (ids, rows) = [q["sql"] for q in deep.captured_queries if 'FROM "permits_permit"' in q["sql"]][1:3]
    assert ids.startswith('SELECT "permits_permit"."id" AS "pk" FROM') and ids.endswith("LIMIT 2"), ids
    assert '"permits_permit"."id" IN (' in rows and "LIMIT" not in rows, rows


def test_tasks_and_register_read_no_password_hash(world: World) -> None:
    world.walk(world.create()["id"], [("submit", "requester")])
    assert PermitTask.objects.exists()
    for user, sql in (
        (world["verifier"], str(tasks_for(world["verifier"]).query)),
        (world["viewer"], str(live_isolations(world["viewer"], world.acme.project.id).query)),
        (world["viewer"], str(live_isolations(world["viewer"], None).query)),
    ):
        assert user is not None
        assert "password" not in sql


def _register_and_tasks_queries(world: World) -> tuple[int, int]:
    counts = []
    for who, url in (("verifier", "/api/v1/ptw/tasks/"), ("viewer", "/api/v1/ptw/isolations/")):
        client = APIClient()
        client.force_login(world[who])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    return counts[0], counts[1]


def test_tasks_and_register_query_counts_do_not_grow(world: World) -> None:
    world.walk(world.create()["id"], [("submit", "requester")])
    few = _register_and_tasks_queries(world)
    for _ in range(4):
        world.walk(world.create()["id"], [("submit", "requester")])
    assert _register_and_tasks_queries(world) == few


def test_the_csv_in_batches_is_the_csv_row_by_row() -> None:
    header = ("A", "B")
    rows = [(f"=cmd{i}", i) for i in range(7)] + [("x,y", 'quote"d')]
    batched = "".join(csv_stream(header, iter(rows), batch=3))
    expected = io.StringIO()
    writer = csv.writer(expected)
    writer.writerow(header)
    writer.writerows([("'" + a if isinstance(a, str) and a.startswith("=") else a, b) for a, b in rows])
    assert batched == "\ufeff" + expected.getvalue()

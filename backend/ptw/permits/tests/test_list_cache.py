"""The permit list's kept pages (decision 0031): the same page asked again reads only its stamp, and every change a
row or a filter reads, whoever writes it (a service, a bulk update, SQL), makes the next answer new."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.accounts.models import Membership, Project, User
from ptw.core.response_cache import Kept, StampedResponses
from ptw.permits.choices import Status, TaskKind
from ptw.permits.models import ListGeneration, LocationNode, Permit, PermitTask, PermitType
from ptw.permits.tests.conftest import URL, World
from ptw.permits.tests.test_locations import tree
from ptw.permits.tests.test_scope_and_list import LIST_QUERIES

MIGRATION = importlib.import_module("ptw.permits.migrations.0028_list_generation")
# Read on every request, kept page or not: who asks (the session, the person, their token) and which projects they
# see, with those projects' generations: the stamp itself.
PER_REQUEST = {
    "django_session",
    "accounts_user",
    "accounts_company",
    "accounts_apitoken",
    "accounts_membership",
    "accounts_project",
}
STAMP_QUERIES = 4  # session, person, memberships, generations
EAST, WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"  # UTC+14 and UTC-11: never the same day


def logged_in(user: User) -> APIClient:
    """A client whose person is read on each request (their memberships too)."""
    client = APIClient()
    client.force_login(user)
    return client


def listed(client: APIClient, query: str = "") -> tuple[bytes, dict[str, Any], int]:
    """The page's bytes, its body and the queries it took."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{URL}{query}")
    assert response.status_code == 200, response.content
    return response.content, response.json(), len(ctx.captured_queries)


def test_the_same_page_asked_again_reads_only_its_stamp(world: World) -> None:
    for _ in range(3):
        world.create()
    client = logged_in(world["viewer"])
    first, _, made = listed(client, "?page_size=2")
    again, _, kept = listed(client, "?page_size=2")
    assert (made, kept) == (LIST_QUERIES, STAMP_QUERIES)
    assert again == first
    with CaptureQueriesContext(connection) as anew:
        assert client.get(f"{URL}?page_size=2", headers={"Cache-Control": "no-cache"}).content == first
    assert len(anew) == LIST_QUERIES  # asked to be read anew
    # Another URL, another person, another scheme (the links name it): each its own page.
    assert listed(client, "?page_size=1")[2] == LIST_QUERIES
    assert listed(logged_in(world["verifier"]), "?page_size=2")[2] == LIST_QUERIES
    assert client.get(f"{URL}?page_size=2", secure=True).json()["next"].startswith("https://")


def _today_in(zone: str) -> str:
    return datetime.now(ZoneInfo(zone)).date().isoformat()


def _first(body: dict[str, Any]) -> dict[str, Any]:
    return dict(body["results"][0])


# (what changes, the query listed, the change, what the next answer shows)
Change = Callable[[World, dict[str, Any]], None]
CHANGES: list[tuple[str, str, Change, Callable[[dict[str, Any]], bool]]] = [
    (
        "a permit's status, by a bulk update",
        "",
        lambda w, p: Permit.objects.filter(pk=p["id"]).update(status=Status.CANCELLED),
        lambda body: _first(body)["status"] == Status.CANCELLED,
    ),
    (
        "a permit's title, by SQL",
        "",
        lambda w, p: connection.cursor().execute("UPDATE permits_permit SET title = %s WHERE id = %s", ["Re", p["id"]]),
        lambda body: _first(body)["title"] == "Re",
    ),
    ("a permit added", "", lambda w, p: w.create() and None, lambda body: body["count"] == 2),
    (
        "a permit deleted",
        "",
        lambda w, p: Permit.objects.filter(pk=p["id"]).delete() and None,
        lambda b: b["count"] == 0,
    ),
    (
        "its type renamed, tenant-wide",
        "",
        lambda w, p: PermitType.objects.filter(pk=p["permit_type"]["id"]).update(name="Hot work, renamed"),
        lambda body: _first(body)["permit_type"]["name"] == "Hot work, renamed",
    ),
    (
        "its location's area renamed",
        "",
        lambda w, p: LocationNode.objects.filter(code="TF").update(name="Tank farm east"),
        lambda body: _first(body)["location_node"]["path"].startswith("Tank farm east / "),
    ),
    (
        "its requester renamed",
        "",
        lambda w, p: User.objects.filter(pk=p["requester"]["id"]).update(name="Ria Renamed"),
        lambda body: _first(body)["requester"]["name"] == "Ria Renamed",
    ),
    (
        "a task opened for the caller",
        "?mine=tasks",
        lambda w, p: (
            PermitTask.objects.create(
                permit_id=p["id"], project_id=p["project"], kind=TaskKind.VERIFY, assignee=w["viewer"]
            )
            and None
        ),
        lambda body: body["count"] == 1,
    ),
    (
        "the project's time zone, which sets the days of a date filter",
        f"?created_from={_today_in(EAST)}&created_to={_today_in(EAST)}",
        lambda w, p: Project.objects.filter(pk=p["project"]).update(time_zone=WEST),
        lambda body: body["count"] == 0,
    ),
    (
        "the caller's membership ended",
        "",
        lambda w, p: Membership.objects.filter(user=w["viewer"]).update(is_active=False),
        lambda body: body["count"] == 0,
    ),
]


@pytest.mark.parametrize(("what", "query", "change", "shows"), CHANGES, ids=[change[0] for change in CHANGES])
def test_every_change_a_page_reads_makes_its_next_answer_new(
    world: World, what: str, query: str, change: Change, shows: Callable[[dict[str, Any]], bool]
) -> None:
    Project.objects.filter(pk=world.acme.project.id).update(time_zone=EAST)
    places = tree(world)
    permit = world.create(location_node=places["pump"]["id"])
    client = logged_in(world["viewer"])
    before, body, _ = listed(client, query)
    assert listed(client, query)[2] == STAMP_QUERIES  # kept
    assert not shows(body)
    change(world, permit)
    after, body, _ = listed(client, query)
    assert after != before and shows(body), what


def test_a_log_in_moves_no_generation(world: World) -> None:
    world.create()
    client = logged_in(world["viewer"])
    listed(client)
    generations = list(ListGeneration.objects.order_by("project_id").values_list("project_id", "generation"))
    User.objects.filter(pk=world["requester"].pk).update(last_login=timezone.now())
    assert list(ListGeneration.objects.order_by("project_id").values_list("project_id", "generation")) == generations
    assert listed(client)[2] == STAMP_QUERIES


def test_a_bulk_write_moves_each_project_it_touched_once(world: World) -> None:
    for _ in range(3):
        world.create()
    acme, globex = world.acme.project.id, world.globex.project.id
    generations = dict(ListGeneration.objects.values_list("project_id", "generation"))
    Permit.objects.all().update(title="Bulk")
    moved = dict(ListGeneration.objects.values_list("project_id", "generation"))
    assert moved[acme] == generations[acme] + (1 if connection.vendor == "postgresql" else 3)
    assert moved.get(globex) == generations.get(globex)  # no permit of Globex was written


def test_every_table_a_page_reads_moves_a_generation(world: World) -> None:
    """Each table a page of the list reads, under any filter or order, is one the triggers watch or one read on every
    request; and each table watched is read by some page."""
    places = tree(world)
    world.create(location_node=places["pump"]["id"])
    client = logged_in(world["viewer"])
    queries = [
        "",
        "?page=1&page_size=1",
        "?search=gasket",
        "?mine=tasks",
        "?mine=requested",
        f"?created_from={_today_in(EAST)}&created_to={_today_in(EAST)}&ordering=title",
        "?category=hot_work&risk_level=high&status=draft&ordering=-permit_number",
    ]
    read: set[str] = set()
    for query in queries:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{URL}{query}").status_code == 200
        read |= {name for q in ctx.captured_queries for name in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"])}
    watched = set(MIGRATION.SOURCES) | {MIGRATION.PERSON}
    assert read - {ListGeneration._meta.db_table} <= watched | PER_REQUEST
    assert watched <= read


@override_settings(PTW_LIST_CACHE_BYTES=0)
def test_with_no_bytes_to_keep_every_page_is_read(world: World) -> None:
    world.create()
    client = logged_in(world["viewer"])
    assert [listed(client)[2] for _ in range(2)] == [LIST_QUERIES, LIST_QUERIES]


def test_the_least_recently_served_go_first_and_a_moved_stamp_drops_its_page() -> None:
    kept = StampedResponses()
    for key in "abc":
        kept.put(key, Kept(1, b"x" * 10, "application/json"), limit=25)
    assert kept.held == (2, 20) and kept.get("a", 1) is None  # a went first
    assert kept.get("b", 1) is not None  # b served: c is now the least recent
    kept.put("d", Kept(1, b"y" * 10, "application/json"), limit=25)
    assert (kept.get("c", 1), kept.get("b", 1) is not None) == (None, True)
    assert kept.get("b", 2) is None and kept.held == (1, 10)  # another stamp: dropped
    kept.put("e", Kept(1, b"z" * 26, "application/json"), limit=25)  # larger than all: not kept
    assert kept.get("e", 1) is None and kept.held == (1, 10)

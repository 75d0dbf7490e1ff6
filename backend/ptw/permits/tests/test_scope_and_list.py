"""Tenancy scope of the lists, list filters with legacy statuses, and pinned query counts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import Membership, Project
from ptw.core.serializers import row_plan
from ptw.permits.api.isolation_serializers import RegisterIsolationOut
from ptw.permits.api.serializers import EventOut, PermitDetailOut, PermitOut, TaskOut
from ptw.permits.models import LocationNode, Permit, PermitIsolation, PermitType, PermitWorker, ToolboxTalk
from ptw.permits.selectors import (
    allowed_actions,
    live_isolations,
    people_read,
    permit_can,
    permit_events,
    permit_get,
    permit_list,
    permit_references,
    rejection_of,
    tasks_for,
)
from ptw.permits.tests.conftest import PATHS, URL, World
from ptw.permits.tests.test_isolations import applied

# session, user (+ company), the user's memberships, their projects' list generations (the stamp of a kept page:
# decision 0031), count, the page's rows, their types, their people (one query for the four roles) and their
# location nodes (each in a query of its own; none that no row of the page names); a filtered list or a deeper page
# reads the page's ids first, a query more. The same page asked again, nothing changed: the first four alone.
LIST_QUERIES = 8
# Readiness of a verified permit: the session, the user with their company, their memberships, the permit with its
# project (and its conflict rules), type (and the project's overrides of it) and node (joined: a primary-key lookup)
# and whether it has cross-references (a subquery of that read), and the isolations (also what the conflicts need of
# this permit: it is placed in no area and needs no library point, so no other permit can conflict with it and none
# is read). Not its people (the guards judge them by id; its type weighs no certificates) and not the links of
# cross-references it has none of.
READINESS_QUERIES = 5
# The detail: the session, the user, their memberships, the permit (as readiness reads it), its people.
DETAIL_QUERIES = 5
EVENTS_QUERIES = 6


def test_other_tenant_sees_no_permits_or_tasks(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    # Every route naming a permit answers them 404: ptw/ops/tests/test_outsider_routes.py.
    permit_in("submitted")
    outsider = world.client("outsider")
    assert outsider.get(URL).json()["count"] == 0
    assert outsider.get("/api/v1/ptw/tasks/").json()["count"] == 0


def test_lists_show_only_the_callers_tenant(world: World) -> None:
    world.create()
    globex_body = world.permit_body(
        project=world.globex.project.id, permit_type=world.ptype("general", world.globex).id
    )
    assert world.client("outsider").post(URL, globex_body, format="json").status_code == 201
    acme_numbers = {p["project"] for p in world.client("requester").get(URL).json()["results"]}
    assert acme_numbers == {world.acme.project.id}
    globex = {p["project"] for p in world.client("outsider").get(URL).json()["results"]}
    assert globex == {world.globex.project.id}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=pending_verification", {"submitted"}),
        ("status=verified", {"under_review"}),
        ("status=pending_approval", {"under_review"}),
        ("status=in_progress", {"active"}),
        ("status=closed", {"completed"}),
        ("status=closed&status=in_progress", {"completed", "active"}),
        ("status=submitted,approved", {"submitted", "approved"}),
        ("", {"draft", "submitted", "under_review", "approved", "active", "completed"}),
    ],
)
def test_status_filter_accepts_canonical_and_legacy_names(
    world: World, permit_in: Callable[[str], dict[str, Any]], query: str, expected: set[str]
) -> None:
    for status in ("draft", "submitted", "under_review", "approved", "active", "completed"):
        permit_in(status)
    results = world.client("viewer").get(f"{URL}?{query}").json()["results"]
    assert {p["status"] for p in results} == expected
    assert all(
        p["status"] in {"draft", "submitted", "under_review", "approved", "active", "completed"} for p in results
    )


def test_unknown_status_is_a_400(world: World) -> None:
    response = world.client("viewer").get(f"{URL}?status=finished")
    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]


def test_search_ordering_mine_and_date_filters(world: World) -> None:
    first = world.create(title="Weld repair on header support")
    second = world.create(title="Paint handrails")
    client = world.client("requester")
    assert [p["id"] for p in client.get(f"{URL}?search=header").json()["results"]] == [first["id"]]
    assert [p["id"] for p in client.get(f"{URL}?search={second['permit_number']}").json()["results"]] == [second["id"]]
    ordered = [p["id"] for p in client.get(f"{URL}?ordering=permit_number").json()["results"]]
    assert ordered == [first["id"], second["id"]]
    assert client.get(f"{URL}?mine=requested").json()["count"] == 2
    assert world.client("verifier").get(f"{URL}?mine=requested").json()["count"] == 0
    world.walk(first["id"], [("submit", "requester")])
    assert [p["id"] for p in world.client("verifier").get(f"{URL}?mine=tasks").json()["results"]] == [first["id"]]
    today = timezone.now().astimezone(world.acme.project.tz).date()
    assert client.get(f"{URL}?created_from={today}&created_to={today}").json()["count"] == 2
    tomorrow = today + timedelta(days=1)
    assert client.get(f"{URL}?created_from={tomorrow}").json()["count"] == 0


def test_date_filters_take_each_projects_own_days_and_only_the_listed_projects(world: World) -> None:
    """Days are the project's own (its time zone); listing one project, only its days are written into the query,
    however many projects the person sees."""
    east = Project.objects.create(tenant=world.acme.tenant, name="East Yard", code="east-yard", time_zone="Asia/Tokyo")
    Membership.objects.create(user=world["viewer"], project=east, role=MembershipRole.VIEWER)
    permit = world.create()
    now = timezone.now()
    here, tokyo = now.astimezone(world.acme.project.tz).date(), now.astimezone(east.tz).date()
    Permit.objects.filter(pk=permit["id"]).update(created_at=now)
    client = world.client("viewer")
    listed = f"{URL}?project={world.acme.project.id}&created_from={here}&created_to={here}"
    with CaptureQueriesContext(connection) as read:
        assert client.get(listed).json()["count"] == 1
    (count,) = [q["sql"] for q in read.captured_queries if "COUNT(" in q["sql"]]
    assert count.count('"permits_permit"."created_at" >=') == 1, count
    assert client.get(f"{URL}?project={east.id}&created_from={tokyo}&created_to={tokyo}").json()["count"] == 0
    both = client.get(f"{URL}?created_from={here}&created_to={here}").json()
    assert [row["id"] for row in both["results"]] == [permit["id"]]


def test_list_and_export_show_the_newest_planned_start_first_by_default(world: World) -> None:
    now = timezone.now()

    def planned(hours: int) -> dict[str, str]:
        start = now + timedelta(hours=hours)
        return {"planned_start": start.isoformat(), "planned_end": (start + timedelta(hours=4)).isoformat()}

    # Created in an order that is neither the planned order nor its reverse.
    middle = world.create(title="Middle", **planned(2))
    latest = world.create(title="Latest", **planned(30))
    earliest = world.create(title="Earliest", **planned(-1))
    client = world.client("requester")
    listed = [p["id"] for p in client.get(URL).json()["results"]]
    assert listed == [latest["id"], middle["id"], earliest["id"]]
    oldest_first = [p["id"] for p in client.get(f"{URL}?ordering=planned_start").json()["results"]]
    assert oldest_first == [earliest["id"], middle["id"], latest["id"]]
    export = client.get(f"{URL}export/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["Latest", "Middle", "Earliest"]


def _list_queries(world: World, page_size: int) -> int:
    client = APIClient()
    client.force_login(world["viewer"])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{URL}?page_size={page_size}")
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_page_size(world: World) -> None:
    for _ in range(50):
        world.create()
    small, large = _list_queries(world, 5), _list_queries(world, 50)
    assert small == large == LIST_QUERIES


def test_the_lists_rows_are_what_the_permit_serializer_writes(world: World) -> None:
    """The list and an exception's list write their rows through a plan made once (`row_plan`): field for field,
    null for null, it is what `PermitOut` writes of the same permits."""
    area = LocationNode.objects.create(project=world.acme.project, kind="area", code="A1", name="Tank farm")
    world.create(probability=None, severity=None, latitude="51.507400", longitude="-0.127800", ppe=[], work_order="")
    world.walk(world.create(location_node=area.id, priority="urgent")["id"], PATHS["approved"])
    world.walk(world.create(title="=SUM(A1)", location="Jetty 2")["id"], PATHS["under_review"])
    Permit.objects.filter(status="under_review").update(named_verifier=world["verifier"])
    listed = world.client("viewer").get(URL).json()["results"]
    permits = people_read(list(permit_list(world["viewer"])))
    assert len(listed) == len(permits) == 3
    assert listed == json.loads(JSONRenderer().render(PermitOut(permits, many=True).data))
    assert row_plan(PermitOut).rows(permits) == PermitOut(permits, many=True).data
    assert {row["location_node"] is None for row in listed} == {True, False}


def test_the_planned_reads_are_what_their_serializers_write(world: World) -> None:
    """A permit's detail, its timeline, the waiting-for-me list and the isolation register are written through a
    plan of their serializer's fields: each is what the serializer writes of the same rows."""
    first = world.create(title="Isolate the feed line")
    permit_id = world.walk(world.create(depends_on=[first["id"]])["id"], PATHS["submitted"])["id"]
    isolation = applied(world, permit_id, "L-7")
    issuer, verifier = world["issuer"], world["verifier"]
    events = world.client("issuer").get(f"{URL}{permit_id}/events/").json()["results"]
    assert events == rendered(EventOut(permit_events(permit_id), many=True).data)
    tasks = world.client("verifier").get("/api/v1/ptw/tasks/").json()["results"]
    assert tasks and tasks == rendered(TaskOut(tasks_for(verifier), many=True).data)
    register = world.client("issuer").get("/api/v1/ptw/isolations/").json()["results"]
    assert [row["id"] for row in register] == [isolation]
    assert register == rendered(RegisterIsolationOut(live_isolations(issuer, None), many=True).data)
    detail = world.client("issuer").get(f"{URL}{permit_id}/").json()
    permit = permit_get(issuer, permit_id)
    permit.allowed_actions = allowed_actions(issuer, permit)  # type: ignore[attr-defined]
    permit.rejection = rejection_of(permit)  # type: ignore[attr-defined]
    permit.can = permit_can(issuer, permit)  # type: ignore[attr-defined]
    permit.references = permit_references(permit)  # type: ignore[attr-defined]
    assert detail == rendered(PermitDetailOut(permit).data)
    assert [ref["id"] for ref in detail["depends_on"]] == [first["id"]]


def rendered(data: Any) -> Any:
    return json.loads(JSONRenderer().render(data))


def test_a_pages_people_are_read_in_one_query_whatever_roles_its_permits_name(world: World) -> None:
    """Requester, verifier, issuer and named verifier of every row: one query for them all (a query per role
    before), and each row names the right person in each role."""
    for path in ("draft", "under_review", "approved"):
        world.walk(world.create()["id"], PATHS[path])
    Permit.objects.update(named_verifier=world["verifier"])
    assert _list_queries(world, 3) == LIST_QUERIES
    rows = {row["status"]: row for row in world.client("viewer").get(URL).json()["results"]}
    assert [rows["approved"][role]["name"] for role in ("requester", "verifier", "issuer", "named_verifier")] == [
        world[who].name for who in ("requester", "verifier", "issuer", "verifier")
    ]
    assert (rows["draft"]["verifier"], rows["draft"]["issuer"]) == (None, None)
    assert set(rows["approved"]["issuer"]) == {"id", "name"}


def _readiness_queries(world: World, permit_id: int, suffix: str = "readiness/") -> int:
    client = APIClient()
    client.force_login(world["issuer"])
    client.get(f"{URL}{permit_id}/{suffix}")  # the session and memberships, read once per client
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{URL}{permit_id}/{suffix}")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_a_permit_and_its_timeline_read_a_fixed_number_of_queries(world: World) -> None:
    """The detail: the session, the user, their memberships, the permit (with what `permit_get` joins), its people and
    its cross-references' links. The timeline: the same three, the permit's scope (nothing more of it), the count and
    the page of events with their actors. Neither grows with the permit's events."""
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier")])
    counts = (_readiness_queries(world, permit["id"], ""), _readiness_queries(world, permit["id"], "events/"))
    world.walk(permit["id"], [("approve", "issuer"), ("activate", "requester")])
    assert counts == (_readiness_queries(world, permit["id"], ""), _readiness_queries(world, permit["id"], "events/"))
    assert counts == (DETAIL_QUERIES, EVENTS_QUERIES)


def test_readiness_reads_each_safety_record_once_however_many_there_are(world: World) -> None:
    """Readiness runs every action's guards on one context: gas tests, isolations, workers, the talk and the
    closeout are each read once, so the count does not grow with the records or the actions."""
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier")])
    few = _readiness_queries(world, permit["id"])
    for index in range(5):
        PermitWorker.objects.create(
            permit_id=permit["id"],
            name=f"Worker {index}",
            company="Northwind",
            added_by=world["requester"],
            added_at=timezone.now(),
        )
        PermitIsolation.objects.create(
            permit_id=permit["id"], project=world.acme.project, name=f"Valve {index}", energy_type="process"
        )
    many = _readiness_queries(world, permit["id"])
    assert few == many == READINESS_QUERIES


def test_readiness_reads_the_talk_the_closeout_and_the_fire_watch_in_one_query(world: World) -> None:
    """A permit has at most one of each: one query joins the three to the permit, found or not. A suspended permit's
    actions ask for all three (resuming for the talk, handing back for the closeout and the fire watch)."""
    permit = world.create()
    world.walk(permit["id"], PATHS["suspended"])
    PermitType.objects.filter(pk=permit["permit_type"]["id"]).update(
        requires_toolbox_talk=True, requires_closeout=True, requires_fire_watch=True
    )
    client = world.client("issuer")
    tables = ("permits_toolboxtalk", "permits_permitcloseout", "permits_firewatch")

    def read() -> tuple[list[str], set[str]]:
        with CaptureQueriesContext(connection) as ctx:
            ready = client.get(f"{URL}{permit['id']}/readiness/").json()
        joined = [q["sql"] for q in ctx.captured_queries if any(table in q["sql"] for table in tables)]
        missing = {m["code"] for action in ready["actions"].values() for m in action["missing"]}
        return joined, missing

    joined, missing = read()
    assert len(joined) == 1 and all(table in joined[0] for table in tables)
    assert {"toolbox_talk_missing", "fire_watch_missing"} <= missing
    now = timezone.now()
    ToolboxTalk.objects.create(
        permit_id=permit["id"],
        held_by=world["requester"],
        held_at=now,
        topics=["fire watch"],
        updated_by=world["requester"],
        updated_at=now,
    )
    joined, missing = read()
    assert len(joined) == 1 and "toolbox_talk_missing" not in missing

"""Area-wide suspension over HTTP: one act and one reason suspend every active permit of a location or of the whole
project, each through the suspend transition (its own event and notifications); a permit that cannot be suspended
is reported and holds nobody back; scope, policy per persona, bad input, and queries per permit."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ptw.notifications.models import Notification
from ptw.notifications.services.produce import outbox_notify
from ptw.permits.models import AreaSuspension, LocationNode, Permit, PermitEvent
from ptw.permits.services import area_suspensions
from ptw.permits.tests.conftest import PATHS, URL, World

AREA = "/api/v1/ptw/area-suspensions/"
TANK_FARM = "Tank farm T-3, pump bay"
GAS_ALARM = "Site gas alarm: H2S at the tank farm"


def live(world: World, status: str = "active", location: str = TANK_FARM, code: str = "general") -> dict[str, Any]:
    permit = world.create(code, location=location)
    world.walk(permit["id"], PATHS[status])
    return world.client("requester").get(f"{URL}{permit['id']}/").json()


def body(world: World, **values: Any) -> dict[str, Any]:
    return {"project": world.acme.project.id, "location_text": "tank farm", "reason": GAS_ALARM, **values}


def suspend(world: World, who: str = "issuer", **values: Any) -> Any:
    return world.client(who).post(AREA, body(world, **values), format="json")


def notify_all() -> None:
    while outbox_notify():
        pass


def snapshot(permit_ids: list[int]) -> dict[int, tuple[str, int]]:
    return {p.id: (p.status, p.version) for p in Permit.objects.filter(id__in=permit_ids)}


def test_fifty_active_permits_are_suspended_each_with_its_own_event_and_notifications(world: World) -> None:
    inside = [live(world) for _ in range(50)]
    outside = [live(world, location="Jetty 2, loading arm")]
    globex_permit = _globex_active(world)
    untouched = [p["id"] for p in outside] + [globex_permit]
    before = snapshot(untouched)
    notify_all()  # what the walk to active produced, so what follows is the suspension's alone

    preview = world.client("admin").post(f"{AREA}preview/", body(world), format="json")
    assert preview.status_code == 200, preview.json()
    assert (preview.json()["will_suspend"], preview.json()["will_not_suspend"]) == (50, 0)
    assert {p["id"] for p in preview.json()["permits"]} == {p["id"] for p in inside}
    assert Permit.objects.filter(status="suspended").count() == 0  # the preview changes nothing

    response = suspend(world, "admin")
    assert response.status_code == 201, response.json()
    record = response.json()
    assert (record["suspended"], record["not_suspended"], record["reason"]) == (50, 0, GAS_ALARM)
    assert record["by"]["id"] == world["admin"].id and record["whole_project"] is False
    assert {row["permit_id"] for row in record["permits"]} == {p["id"] for p in inside}
    assert all(row["suspended"] and row["from_status"] == "active" for row in record["permits"])

    ids = [p["id"] for p in inside]
    assert set(Permit.objects.filter(id__in=ids).values_list("status", flat=True)) == {"suspended"}
    events = PermitEvent.objects.filter(permit_id__in=ids, action="suspend")
    assert events.count() == 50
    assert {(e.permit_id, e.actor_id, e.comment, e.to_status) for e in events} == {
        (pid, world["admin"].id, GAS_ALARM, "suspended") for pid in ids
    }
    assert snapshot(untouched) == before

    notify_all()
    notify_all()  # a second run of the consumer sends nothing again
    for persona in ("requester", "verifier", "issuer"):
        told = Notification.objects.filter(recipient=world[persona], kind="permit_suspended")
        assert sorted(told.values_list("permit_id", flat=True)) == sorted(ids)
        assert all(GAS_ALARM in n.body for n in told)
    assert not Notification.objects.filter(kind="permit_suspended", permit_id__in=untouched).exists()

    # The record is readable afterwards by every member, and resuming stays per permit.
    detail = world.client("viewer").get(f"{AREA}{record['id']}/")
    assert detail.status_code == 200 and len(detail.json()["permits"]) == 50
    listed = world.client("requester").get(AREA, {"project": world.acme.project.id}).json()
    assert [row["id"] for row in listed["results"]] == [record["id"]]
    assert world.act(ids[0], "resume", "issuer").status_code == 200
    assert Permit.objects.filter(id__in=ids, status="suspended").count() == 49


def _globex_active(world: World) -> int:
    """An active permit in the other tenant's project at a location the search text also matches."""
    site = world.globex
    people = site.people
    ptype = world.ptype("general", site)
    permit = world.client(people["requester"]).post(
        URL, world.permit_body(project=site.project.id, permit_type=ptype.id, location=TANK_FARM), format="json"
    )
    assert permit.status_code == 201, permit.json()
    pid = permit.json()["id"]
    for action, who in PATHS["active"]:
        signature = {"signature": {"method": "typed", "data": people[who].name}}
        response = world.client(people[who]).post(f"{URL}{pid}/{action}/", signature, format="json")
        assert response.status_code == 200, response.json()
    return pid


def test_a_permit_that_cannot_be_suspended_is_reported_and_the_others_are_suspended(world: World) -> None:
    first, second = live(world), live(world)
    approved = live(world, "approved")
    real = area_suspensions.permit_transition
    calls: list[int] = []

    def completed_meanwhile(**kwargs: Any) -> Permit:
        # Someone hands the first permit back between the selection and its suspension.
        if kwargs["permit_id"] == first["id"] and not calls:
            calls.append(first["id"])
            assert world.act(first["id"], "hand_back", "requester").status_code == 200
            assert world.act(first["id"], "complete", "issuer").status_code == 200
        return real(**kwargs)

    with mock.patch.object(area_suspensions, "permit_transition", side_effect=completed_meanwhile):
        response = suspend(world)
    assert calls == [first["id"]]
    assert response.status_code == 201, response.json()
    record = response.json()
    assert (record["suspended"], record["not_suspended"]) == (1, 2)
    rows = {row["permit_id"]: row for row in record["permits"]}
    assert rows[second["id"]]["suspended"] is True
    assert rows[first["id"]] == {
        "permit_id": first["id"],
        "permit_number": first["permit_number"],
        "from_status": "active",
        "suspended": False,
        "code": "invalid_transition",
        "message": "A completed permit cannot be suspended.",
    }
    assert (rows[approved["id"]]["suspended"], rows[approved["id"]]["code"]) == (False, "invalid_transition")
    assert Permit.objects.get(pk=second["id"]).status == "suspended"
    assert Permit.objects.get(pk=first["id"]).status == "completed"
    assert Permit.objects.get(pk=approved["id"]).status == "approved"


def test_whole_project_and_permit_type_scopes(world: World) -> None:
    lifting = world.ptype("general")
    lifting.pk, lifting.code, lifting.name = None, "crane-lift", "Crane lift"
    lifting.save()
    general = live(world, location="Jetty 2")
    lift = live(world, location="Tank farm T-3", code="crane-lift")
    response = suspend(world, location_text="", whole_project=True, permit_type=lifting.id)
    assert response.status_code == 201, response.json()
    assert [row["permit_id"] for row in response.json()["permits"]] == [lift["id"]]
    assert Permit.objects.get(pk=general["id"]).status == "active"
    response = suspend(world, location_text="", whole_project=True, reason="Wind above 38 km/h for lifting")
    assert response.status_code == 201
    assert response.json()["whole_project"] is True
    assert [row["permit_id"] for row in response.json()["permits"]] == [general["id"]]


def test_a_node_of_the_location_tree_selects_the_permits_at_it_and_below_it(world: World) -> None:
    project = world.acme.project

    def node(kind: str, code: str, parent: LocationNode | None) -> LocationNode:
        made = LocationNode.objects.create(project=project, kind=kind, code=code, name=code, parent=parent)
        made.area = parent.area if parent else made
        made.unit = made if kind == "unit" else (parent.unit if parent else None)
        made.save()
        return made

    tank_farm = node("area", "TF", None)
    t3 = node("unit", "T-3", tank_farm)
    pump = node("equipment", "P-301", t3)
    t4 = node("unit", "T-4", tank_farm)
    jetty = node("area", "JT", None)
    placed = {}
    for where in (tank_farm, t3, pump, t4, jetty):
        permit = world.create(location="north side", location_node=where.id)
        world.walk(permit["id"], PATHS["active"])
        placed[where.code] = permit["id"]
    unplaced = live(world, location="Tank farm T-3")  # the tree, not the text, decides

    response = suspend(world, location_text="", location_node=t3.id)
    assert response.status_code == 201, response.json()
    record = response.json()
    assert sorted(row["permit_id"] for row in record["permits"]) == sorted([placed["T-3"], placed["P-301"]])
    assert (record["location_node"], record["location_path"], record["whole_project"]) == (t3.id, "TF / T-3", False)
    # The whole area: its own permit and the other unit's; those suspended already are not selected again.
    response = suspend(world, location_text="", location_node=tank_farm.id, reason="Wind above 38 km/h")
    assert sorted(row["permit_id"] for row in response.json()["permits"]) == sorted([placed["TF"], placed["T-4"]])
    statuses = dict(Permit.objects.filter(pk__in=[*placed.values(), unplaced["id"]]).values_list("id", "status"))
    assert statuses[placed["JT"]] == statuses[unplaced["id"]] == "active"
    assert [statuses[placed[code]] for code in ("TF", "T-3", "P-301", "T-4")] == ["suspended"] * 4

    foreign = LocationNode.objects.create(project=world.globex.project, kind="area", code="G", name="G")
    for values in ({"location_node": foreign.id}, {"location_node": t3.id, "location_text": "tank"}):
        refused = suspend(world, **{"location_text": "", **values})
        assert refused.status_code == 400 and "location_node" in refused.json()["error"]["fields"]


PERSONAS = ("requester", "verifier", "issuer", "admin", "viewer", "outsider")
ALLOWED = {"issuer", "admin"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_suspend_an_area(world: World, persona: str) -> None:
    permit = live(world)
    preview = world.client(persona).post(f"{AREA}preview/", body(world), format="json")
    response = suspend(world, persona)
    if persona == "outsider":
        # Another tenant's project is not theirs to name: refused as a field, as when creating a permit.
        assert (preview.status_code, response.status_code) == (400, 400)
        assert response.json()["error"]["fields"] == {"project": ["No such project."]}
    elif persona in ALLOWED:
        assert (preview.status_code, response.status_code) == (200, 201), response.json()
    else:
        assert (preview.status_code, response.status_code) == (403, 403)
        assert response.json()["error"]["missing"][0]["code"] == "not_permitted"
    expected = "suspended" if persona in ALLOWED else "active"
    assert Permit.objects.get(pk=permit["id"]).status == expected
    assert AreaSuspension.objects.count() == (1 if persona in ALLOWED else 0)


def test_another_projects_records_do_not_exist_for_the_caller(world: World) -> None:
    live(world)
    record = suspend(world).json()
    outsider = world.client("outsider")
    assert outsider.get(f"{AREA}{record['id']}/").status_code == 404
    assert outsider.get(AREA, {"project": world.acme.project.id}).status_code == 404
    assert outsider.get(AREA).json()["results"] == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "   "}, "reason"),
        ({"reason": "x" * 501}, "reason"),
        ({"location_text": ""}, "location_text"),
        ({"whole_project": True}, "whole_project"),
        ({"permit_type": 999999}, "permit_type"),
        ({"project": "north"}, "project"),
        ({"reason": 12}, "reason"),
        ({"status": "active"}, "status"),
        ({"location_text": "x" * 201}, "location_text"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world: World, values: dict[str, Any], field: str) -> None:
    permit = live(world)
    response = suspend(world, **values)
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert Permit.objects.get(pk=permit["id"]).status == "active"
    assert AreaSuspension.objects.count() == 0


def test_another_tenants_permit_type_is_refused(world: World) -> None:
    live(world)
    response = suspend(world, permit_type=world.ptype("general", world.globex).id)
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"permit_type": ["No such permit type."]}


def _queries(world: World, n: int) -> int:
    for _ in range(n):
        live(world, location=f"Unit {n}00 tank farm")
    with CaptureQueriesContext(connection) as ctx:
        response = suspend(world, location_text=f"Unit {n}00")
    assert response.status_code == 201 and response.json()["suspended"] == n
    return len(ctx.captured_queries)


def test_queries_grow_by_a_bounded_number_per_permit(world: World) -> None:
    two, five = _queries(world, 2), _queries(world, 5)
    per_permit, rest = divmod(five - two, 3)
    assert rest == 0, (two, five)
    assert per_permit <= 40, per_permit
    assert two - 2 * per_permit <= 25  # the act itself: scope, policy, record, selection, the answer


def test_the_preview_reads_in_a_fixed_number_of_queries(world: World) -> None:
    for _ in range(3):
        live(world)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = world.client("issuer").post(f"{AREA}preview/", body(world), format="json")
        assert response.status_code == 200
        counts.append((len(response.json()["permits"]), len(ctx.captured_queries)))
        live(world)
    assert counts[0][0] + 1 == counts[1][0]
    assert counts[0][1] == counts[1][1] <= 6, counts

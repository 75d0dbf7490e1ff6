"""Workers and the toolbox talk: the crew is recorded, the talk held, every worker signs on for it,
and activation (and resumption) waits for all of that when the type requires it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ptw.permits.chain import chain_verify
from ptw.permits.models import PermitEvent, PermitTypeOverride, PermitWorker, ToolboxTalk
from ptw.permits.tests.conftest import PATHS, URL, World

BIG = "x" * 100_000


def workers_url(permit_id: int) -> str:
    return f"{URL}{permit_id}/workers/"


def talk_url(permit_id: int) -> str:
    return f"{URL}{permit_id}/toolbox-talk/"


def add(world: World, permit_id: int, name: str, who: str = "requester", **extra: Any) -> Any:
    body = {"name": name, "company": "Acme Site Services", "trade": "Pipefitter", **extra}
    return world.client(who).post(workers_url(permit_id), body, format="json")


def sign_on(world: World, permit_id: int, worker_id: int, who: str = "requester") -> Any:
    """The worker signs on by typing their name, on the device of `who`."""
    name = PermitWorker.objects.filter(pk=worker_id).values_list("name", flat=True).first() or "Nobody"
    body = {"method": "typed", "data": name, "statement_confirmed": True}
    return world.client(who).post(f"{workers_url(permit_id)}{worker_id}/sign-on/", body, format="json")


def talk_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "held_at": (timezone.now() - timedelta(minutes=10)).isoformat(),
        "topics": ["Hazards of the line", "Escape routes", "Gas alarm response"],
        "notes": "Held at the muster point.",
    }
    body.update(overrides)
    return body


def hold(world: World, permit_id: int, body: Any, who: str = "requester", version: str | None = "1") -> Any:
    headers = {"HTTP_IF_MATCH": f'"{version}"'} if version is not None else {}
    return world.client(who).put(talk_url(permit_id), body, format="json", **headers)


def start_missing(world: World, permit_id: int, action: str = "activate", who: str = "requester") -> list[dict]:
    readiness = world.client(who).get(f"{URL}{permit_id}/readiness/").json()
    return readiness["actions"][action]["missing"]


def codes(missing: list[dict[str, str]]) -> list[str]:
    return [m["code"] for m in missing]


@pytest.fixture
def crew_type(world: World) -> None:
    """This project's general type needs a toolbox talk and at least two workers."""
    PermitTypeOverride.objects.create(
        project=world.acme.project,
        permit_type=world.ptype("general"),
        values={"requires_toolbox_talk": True, "min_workers": 2},
    )


@pytest.fixture
def approved(world: World, crew_type: None) -> dict[str, Any]:
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    return permit


def test_activation_needs_the_talk_every_sign_on_and_enough_workers(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]

    def refused_with(expected: list[str]) -> list[dict[str, str]]:
        missing = start_missing(world, pid)
        assert codes(missing) == expected
        response = world.act(pid, "activate", "requester")
        assert response.status_code == 422
        assert response.json()["error"]["missing"] == missing
        return missing

    refused_with(["toolbox_talk_missing", "workers_missing"])
    first = add(world, pid, "Ana Pipefitter").json()
    missing = refused_with(["toolbox_talk_missing", "worker_not_signed_on", "workers_missing"])
    assert "Ana Pipefitter (Acme Site Services)" in missing[1]["message"]
    assert missing[2]["message"] == "At least 2 workers must be on the permit; 1 recorded."
    assert hold(world, pid, talk_body()).status_code == 200
    refused_with(["worker_not_signed_on", "workers_missing"])
    second = add(world, pid, "Ben Rigger", who="issuer").json()
    assert sign_on(world, pid, first["id"]).status_code == 201
    missing = refused_with(["worker_not_signed_on"])
    assert missing[0]["message"] == "Not yet signed on for the toolbox talk: Ben Rigger (Acme Site Services)."
    assert sign_on(world, pid, second["id"], who="issuer").status_code == 201
    assert start_missing(world, pid) == []
    activated = world.act(pid, "activate", "requester")
    assert activated.status_code == 200, activated.json()
    assert activated.json()["status"] == "active"


def test_resume_runs_the_same_guards(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]
    assert hold(world, pid, talk_body()).status_code == 200
    for name in ("Ana", "Ben"):
        assert sign_on(world, pid, add(world, pid, name).json()["id"]).status_code == 201
    world.walk(pid, [("activate", "requester"), ("suspend", "issuer")])
    late = add(world, pid, "Cai Welder").json()
    missing = start_missing(world, pid, "resume", who="issuer")
    assert codes(missing) == ["worker_not_signed_on"]
    response = world.act(pid, "resume", "issuer")
    assert response.status_code == 422
    assert codes(response.json()["error"]["missing"]) == ["worker_not_signed_on"]
    assert sign_on(world, pid, late["id"], who="issuer").status_code == 201
    assert world.act(pid, "resume", "issuer").status_code == 200


def test_a_type_without_the_requirements_activates_without_a_crew(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    assert start_missing(world, permit["id"]) == []


def test_signing_on_needs_a_held_talk_and_happens_once(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]
    worker = add(world, pid, "Ana").json()
    early = sign_on(world, pid, worker["id"])
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "toolbox_talk_not_held"
    assert worker["sign_on"] is None
    assert hold(world, pid, talk_body()).status_code == 200
    once = sign_on(world, pid, worker["id"], who="issuer")
    assert once.status_code == 201
    body = once.json()
    assert body["sign_on"]["taken_by"]["name"] == world["issuer"].name
    assert body["sign_on"]["method"] == "typed"
    assert body["version"] == 2
    twice = sign_on(world, pid, worker["id"])
    assert twice.status_code == 409
    assert twice.json()["error"]["code"] == "already_signed_on"
    assert PermitEvent.objects.filter(permit_id=pid, action="worker_sign_on").count() == 1


def test_a_worker_of_another_permit_is_not_found(world: World, approved: dict[str, Any]) -> None:
    other = world.create()
    foreign = add(world, other["id"], "Ana").json()
    assert hold(world, approved["id"], talk_body()).status_code == 200
    response = sign_on(world, approved["id"], foreign["id"])
    assert response.status_code == 404
    assert sign_on(world, approved["id"], 999_999).status_code == 404
    assert not PermitWorker.objects.get(pk=foreign["id"]).signed_on


def test_the_same_worker_twice_is_409(world: World, approved: dict[str, Any]) -> None:
    assert add(world, approved["id"], "Ana Pipefitter").status_code == 201
    again = add(world, approved["id"], "ana pipefitter", trade="Welder")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "worker_duplicate"
    assert PermitWorker.objects.count() == 1


def test_a_replayed_add_creates_one_worker(world: World, approved: dict[str, Any]) -> None:
    client = world.client("requester")
    body = {"name": "Ana", "company": "Acme Site Services"}
    first = client.post(workers_url(approved["id"]), body, format="json", HTTP_IDEMPOTENCY_KEY="w-1")
    again = client.post(workers_url(approved["id"]), body, format="json", HTTP_IDEMPOTENCY_KEY="w-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert PermitWorker.objects.count() == 1


def test_changing_when_or_what_voids_sign_ons_but_notes_do_not(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]
    assert hold(world, pid, talk_body()).status_code == 200
    for name in ("Ana", "Ben"):
        assert sign_on(world, pid, add(world, pid, name).json()["id"]).status_code == 201
    notes = hold(world, pid, {"notes": "Also covered the weather."}, version="2")
    assert notes.status_code == 200
    assert (notes.json()["signed_on"], notes.json()["version"]) == (2, 3)
    topics = hold(world, pid, {"topics": ["Hazards of the line", "Lifting plan"]}, who="issuer", version="3")
    assert topics.status_code == 200
    assert (topics.json()["workers"], topics.json()["signed_on"]) == (2, 0)
    event = PermitEvent.objects.filter(permit_id=pid, action="toolbox_talk").order_by("-seq").first()
    assert event is not None
    voided = event.changes["sign_ons_voided"]
    assert [(v["worker"], v["method"], v["typed_name"]) for v in voided[0]] == [
        ("Ana (Acme Site Services)", "typed", "Ana"),
        ("Ben (Acme Site Services)", "typed", "Ben"),
    ]
    assert voided[1] == []
    assert "2 sign-ons voided: the workers sign on again." in event.comment
    assert codes(start_missing(world, pid)) == ["worker_not_signed_on"]


def test_the_talk_records_who_held_it(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]
    before = world.client("viewer").get(talk_url(pid))
    assert before.status_code == 200
    assert before["ETag"] == '"1"'
    assert before.json()["held"] is False
    assert before.json()["version"] == 1
    response = hold(world, pid, talk_body(held_by=world["issuer"].id))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert response["ETag"] == '"2"'
    assert (body["held"], body["held_by"]["name"], body["updated_by"]["name"]) == (
        True,
        world["issuer"].name,
        world["requester"].name,
    )
    assert body["topics"] == talk_body()["topics"]
    assert world.client("viewer").get(talk_url(pid)).json() == body
    by_default = hold(world, world.create()["id"], talk_body())
    assert by_default.json()["held_by"]["name"] == world["requester"].name


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"company": "Acme"}, "name"),
        ({"name": "", "company": "Acme"}, "name"),
        ({"name": "   ", "company": "Acme"}, "name"),
        ({"name": BIG, "company": "Acme"}, "name"),
        ({"name": ["Ana"], "company": "Acme"}, "name"),
        ({"name": "Ana"}, "company"),
        ({"name": "Ana", "company": "Acme", "competency": BIG}, "competency"),
        ({"name": "Ana", "company": "Acme", "trade": {"a": 1}}, "trade"),
        ({"name": "Ana", "company": "Acme", "badge": "7"}, "badge"),
        ({"name": "Ana", "company": "Acme", "acknowledged_at": "2026-01-01T00:00:00Z"}, "acknowledged_at"),
        ({"name": "Ana", "company": "Acme", "sign_on": {"method": "typed"}}, "sign_on"),
    ],
)
def test_bad_workers_are_400_and_add_nothing(
    world: World, approved: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = world.client("requester").post(workers_url(approved["id"]), body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert not PermitWorker.objects.exists()
    assert not PermitEvent.objects.filter(permit_id=approved["id"], action="worker_add").exists()


def _talk_cases(world: World) -> list[tuple[dict[str, Any], str]]:
    future = (timezone.now() + timedelta(hours=1)).isoformat()
    return [
        ({"topics": ["Escape routes"]}, "held_at"),
        ({"held_at": talk_body()["held_at"]}, "topics"),
        (talk_body(held_at=future), "held_at"),
        (talk_body(held_at="yesterday"), "held_at"),
        (talk_body(topics=[]), "topics"),
        (talk_body(topics="Escape routes"), "topics"),
        (talk_body(topics=[f"Topic {n}" for n in range(31)]), "topics"),
        (talk_body(topics=["x" * 201]), "topics"),
        (talk_body(topics=[""]), "topics"),
        (talk_body(topics=[BIG]), "topics"),
        (talk_body(notes=BIG), "notes"),
        (talk_body(held_by=world["viewer"].id), "held_by"),
        (talk_body(held_by=world["outsider"].id), "held_by"),
        (talk_body(held_by=999_999), "held_by"),
        (talk_body(held_by="Iris"), "held_by"),
        (talk_body(held=True), "held"),
        (talk_body(location="Muster point"), "location"),
    ]


def test_bad_talks_are_400_and_record_nothing(world: World, approved: dict[str, Any]) -> None:
    for body, field in _talk_cases(world):
        response = hold(world, approved["id"], body)
        assert response.status_code == 400, (field, response.json())
        assert field in response.json()["error"]["fields"], (field, response.json())
    assert not ToolboxTalk.objects.exists()
    assert not PermitEvent.objects.filter(permit_id=approved["id"], action="toolbox_talk").exists()


def test_talk_if_match_is_required_and_a_stale_version_gets_the_current_one(
    world: World, approved: dict[str, Any]
) -> None:
    pid = approved["id"]
    missing = hold(world, pid, talk_body(), version=None)
    assert missing.status_code == 428
    assert not ToolboxTalk.objects.exists()
    assert hold(world, pid, talk_body()).status_code == 200
    stale = hold(world, pid, {"notes": "Overwrite"}, who="issuer", version="1")
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "version_conflict"
    assert stale.json()["error"]["current"] == world.client("requester").get(talk_url(pid)).json()
    assert ToolboxTalk.objects.get().notes == "Held at the muster point."


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("verifier", 403), ("admin", 403), ("outsider", 404)])
def test_only_the_requester_or_issuer_keep_the_crew(
    world: World, approved: dict[str, Any], who: str, status: int
) -> None:
    pid = approved["id"]
    worker = add(world, pid, "Ana").json()
    assert hold(world, pid, talk_body()).status_code == 200
    events = PermitEvent.objects.filter(permit_id=pid).count()
    assert add(world, pid, "Ben", who=who).status_code == status
    assert sign_on(world, pid, worker["id"], who=who).status_code == status
    assert hold(world, pid, {"notes": "Mine"}, who=who, version="2").status_code == status
    assert PermitWorker.objects.count() == 1
    assert not PermitWorker.objects.get().signed_on
    assert PermitEvent.objects.filter(permit_id=pid).count() == events
    readable = 404 if who == "outsider" else 200
    assert world.client(who).get(workers_url(pid)).status_code == readable
    assert world.client(who).get(talk_url(pid)).status_code == readable


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        ("draft", True),
        ("submitted", True),
        ("under_review", True),
        ("active", True),
        ("suspended", True),
        ("rejected", False),
        ("expired", False),
        ("completed", False),
        ("cancelled", False),
    ],
)
def test_the_crew_changes_until_the_work_is_over(
    world: World, permit_in: Callable[[str], dict[str, Any]], status: str, open_: bool
) -> None:
    permit = permit_in(status)
    added = add(world, permit["id"], "Ana")
    held = hold(world, permit["id"], talk_body())
    if open_:
        assert (added.status_code, held.status_code) == (201, 200)
    else:
        assert (added.status_code, held.status_code) == (409, 409)
        assert {added.json()["error"]["code"], held.json()["error"]["code"]} == {"crew_not_open"}
        assert not PermitWorker.objects.exists()
        assert not ToolboxTalk.objects.exists()


def test_every_write_appends_one_event_and_the_chain_holds(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]
    before = PermitEvent.objects.filter(permit_id=pid).count()
    worker = add(world, pid, "Ana", competency="Confined-space trained").json()
    body = talk_body()
    assert hold(world, pid, body).status_code == 200
    assert hold(world, pid, body, version="2").json()["version"] == 2  # nothing changed: nothing written
    assert sign_on(world, pid, worker["id"]).status_code == 201
    events = list(PermitEvent.objects.filter(permit_id=pid, seq__gt=before).order_by("seq"))
    assert [e.action for e in events] == ["worker_add", "toolbox_talk", "worker_sign_on"]
    assert all(
        (e.actor_id, e.from_status, e.to_status) == (world["requester"].id, "approved", "approved") for e in events
    )
    assert events[0].changes == {
        "worker": [None, {"name": "Ana", "company": "Acme Site Services", "trade": "Pipefitter"}]
    }
    assert events[1].changes["topics"] == [[], body["topics"]]
    assert events[1].changes["held_by"] == [None, {"id": world["requester"].id, "name": world["requester"].name}]
    assert chain_verify(pid).valid


def test_the_worker_list_costs_the_same_queries_for_any_crew_size(world: World, approved: dict[str, Any]) -> None:
    pid = approved["id"]
    assert hold(world, pid, talk_body()).status_code == 200
    client = world.client("viewer")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(workers_url(pid))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    sign_on(world, pid, add(world, pid, "Ana").json()["id"])
    queries()  # the first request of a client also loads its memberships
    one = queries()
    for name in ("Ben", "Cai", "Dee", "Eve"):
        sign_on(world, pid, add(world, pid, name, who="issuer").json()["id"], who="issuer")
    listed = client.get(workers_url(pid)).json()
    assert listed["count"] == 5
    assert [w["name"] for w in listed["results"]] == ["Ana", "Ben", "Cai", "Dee", "Eve"]
    assert {w["added_by"]["name"] for w in listed["results"]} == {world["requester"].name, world["issuer"].name}
    assert queries() == one

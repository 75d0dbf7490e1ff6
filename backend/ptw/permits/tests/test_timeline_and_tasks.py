"""The hash-chained timeline and the pool tasks."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from ptw.permits.chain import chain_verify
from ptw.permits.models import PermitEvent
from ptw.permits.tests.conftest import PATHS, URL, World


def test_timeline_lists_every_step_with_actor_and_hash_chain(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["completed"])
    events = world.client("viewer").get(f"{URL}{permit['id']}/events/").json()["results"]
    assert [e["action"] for e in events] == [
        "create",
        "submit",
        "verify",
        "approve",
        "activate",
        "hand_back",
        "complete",
    ]
    assert [e["actor"]["name"] for e in events] == [
        world[w].name for w in ("requester", "requester", "verifier", "issuer", "requester", "requester", "issuer")
    ]
    assert events[0]["prev_hash"] == "0" * 64
    assert all(later["prev_hash"] == earlier["hash"] for earlier, later in itertools.pairwise(events))
    assert chain_verify(permit["id"]).valid


def test_tampering_with_one_stored_event_is_detected(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    assert chain_verify(permit["id"]).valid
    PermitEvent.objects.filter(permit_id=permit["id"], action="verify").update(comment="nothing to see")
    report = chain_verify(permit["id"])
    assert not report.valid
    assert report.broken_at == 3
    assert report.reason == "changed"


def test_removing_an_event_is_detected(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    PermitEvent.objects.filter(permit_id=permit["id"], action="verify").delete()
    assert not chain_verify(permit["id"]).valid


def test_a_deleted_draft_keeps_its_timeline(world: World) -> None:
    permit = world.create()
    response = world.client("requester").delete(f"{URL}{permit['id']}/")
    assert response.status_code == 204
    assert list(PermitEvent.objects.filter(permit_id=permit["id"]).values_list("action", flat=True)) == [
        "create",
        "delete",
    ]
    assert chain_verify(permit["id"]).valid


def test_submitted_permits_cannot_be_deleted(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("submitted")
    response = world.client("requester").delete(f"{URL}{permit['id']}/")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_deletable"


def test_submit_gives_the_verifier_pool_tasks_and_the_first_actor_withdraws_the_rest(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    for who in ("verifier", "verifier2"):
        tasks = world.client(who).get("/api/v1/ptw/tasks/").json()["results"]
        assert [(t["kind"], t["permit"]["id"], t["pool"]) for t in tasks] == [("verify", permit["id"], True)]
    assert world.client("issuer").get("/api/v1/ptw/tasks/").json()["count"] == 0
    world.walk(permit["id"], [("verify", "verifier2")])
    assert world.client("verifier").get("/api/v1/ptw/tasks/").json()["count"] == 0
    assert world.client("verifier2").get("/api/v1/ptw/tasks/").json()["count"] == 0
    for who in ("issuer", "issuer2"):
        tasks = world.client(who).get("/api/v1/ptw/tasks/").json()["results"]
        assert [(t["kind"], t["permit"]["id"]) for t in tasks] == [("approve", permit["id"])]
    world.walk(permit["id"], [("approve", "issuer2")])
    assert world.client("issuer").get("/api/v1/ptw/tasks/").json()["count"] == 0


def test_named_verifier_gets_the_only_task(world: World) -> None:
    permit = world.create(verifier_id=world["verifier2"].id)
    world.walk(permit["id"], [("submit", "requester")])
    assert world.client("verifier").get("/api/v1/ptw/tasks/").json()["count"] == 0
    tasks = world.client("verifier2").get("/api/v1/ptw/tasks/").json()["results"]
    assert [(t["kind"], t["pool"]) for t in tasks] == [("verify", False)]


def test_withdraw_takes_the_tasks_back(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("withdraw", "requester")])
    assert world.client("verifier").get("/api/v1/ptw/tasks/").json()["count"] == 0


def test_a_rejection_asks_the_requester_to_fix_and_resubmit_with_the_reason(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    assert world.act(permit["id"], "reject", "verifier", reason="Hazards miss the live cable").status_code == 200
    tasks = world.client("requester").get("/api/v1/ptw/tasks/").json()["results"]
    assert [(t["kind"], t["permit"]["id"], t["pool"], t["reason"]) for t in tasks] == [
        ("resubmit", permit["id"], False, "Hazards miss the live cable")
    ]
    assert world.client("verifier").get("/api/v1/ptw/tasks/").json()["count"] == 0
    detail = world.client("requester").get(f"{URL}{permit['id']}/").json()
    assert detail["rejection"]["reason"] == "Hazards miss the live cable"
    assert detail["rejection"]["by"] == {"id": world["verifier"].id, "name": world["verifier"].name}
    assert detail["rejection"]["at"]

    world.walk(permit["id"], [("resubmit", "requester")])
    assert world.client("requester").get("/api/v1/ptw/tasks/").json()["count"] == 0
    assert world.client("requester").get(f"{URL}{permit['id']}/").json()["rejection"] is None


def test_the_latest_rejection_is_shown_and_only_its_task_stays_open(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier")])
    world.act(permit["id"], "reject", "issuer", reason="No isolation list")
    world.walk(permit["id"], [("resubmit", "requester")])
    world.act(permit["id"], "reject", "verifier", reason="Gas test too old")
    detail = world.client("viewer").get(f"{URL}{permit['id']}/").json()
    rejection = detail["rejection"]
    assert (rejection["by"]["id"], rejection["reason"]) == (world["verifier"].id, "Gas test too old")
    tasks = world.client("requester").get("/api/v1/ptw/tasks/").json()["results"]
    assert [t["reason"] for t in tasks] == ["Gas test too old"]

"""The hand-back in two signed steps, the fire watch after hot work and the reinstatement of de-isolated points,
through HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from ptw.core.models import OutboxMessage
from ptw.permits.models import Permit, PermitEvent, PermitTask
from ptw.permits.services.reminders import reminders_record
from ptw.permits.tests.conftest import PATHS, URL, World
from ptw.permits.tests.test_gas_tests import HOT, reading, record
from ptw.permits.tests.test_isolations import applied, step
from ptw.permits.tests.test_permit_types_api import override


def missing_codes(world: World, permit_id: int, action: str, who: str = "issuer") -> list[str]:
    readiness = world.client(who).get(f"{URL}{permit_id}/readiness/").json()
    return [m["code"] for m in readiness["actions"][action]["missing"]]


def fire_watch_put(
    world: World, permit_id: int, body: dict[str, Any], version: str = "1", who: str = "requester"
) -> Any:
    return world.client(who).put(f"{URL}{permit_id}/fire-watch/", body, format="json", HTTP_IF_MATCH=f'"{version}"')


def sign_off(world: World, permit_id: int, who: str) -> Any:
    return world.client(who).post(f"{URL}{permit_id}/fire-watch/sign-off/", {"remarks": "Area cold"}, format="json")


def active_hot_work(world: World) -> dict[str, Any]:
    """An active hot-work permit with its closeout answered (the crew rules relaxed by a project override, so the
    test is about the fire watch)."""
    assert override(world, "hot-work", {"requires_toolbox_talk": False, "min_workers": 0}).status_code == 200
    permit = world.create("hot-work", parameters=HOT)
    pid = permit["id"]
    world.walk(pid, [("submit", "requester")])
    for gas, value in (("O2", "20.9"), ("LEL", "0")):
        assert record(world, pid, reading(gas, value)).status_code == 201
    world.walk(pid, [("verify", "verifier"), ("approve", "issuer"), ("activate", "requester")])
    items = world.client("requester").get(f"{URL}{pid}/closeout/").json()["items"]
    answers = {item["key"]: {"done": True} for item in items}
    closeout = world.client("requester").put(
        f"{URL}{pid}/closeout/", {"answers": answers}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert closeout.status_code == 200, closeout.json()
    return permit


# --- hand-back and acceptance -------------------------------------------------------------------------------------


def test_the_requester_hands_back_but_cannot_accept_the_issuer_accepts(world: World) -> None:
    permit = world.create()
    pid = permit["id"]
    world.walk(pid, PATHS["active"])
    assert missing_codes(world, pid, "complete", "requester")[0] == "invalid_status"
    handed = world.act(pid, "hand_back", "requester")
    assert handed.status_code == 200, handed.json()
    assert handed.json()["status"] == "handback_pending"
    tasks = PermitTask.objects.filter(permit_id=pid, kind="accept_handback", state="open")
    assert {t.assignee_id for t in tasks} == {world["issuer"].id, world["issuer2"].id}
    refused = world.act(pid, "complete", "requester")
    assert refused.status_code == 403
    assert "separation_of_duties" in {m["code"] for m in refused.json()["error"]["missing"]}
    assert world.act(pid, "complete", "verifier").status_code == 403
    assert Permit.objects.get(pk=pid).status == "handback_pending"
    accepted = world.act(pid, "complete", "issuer")
    assert accepted.status_code == 200, accepted.json()
    stored = Permit.objects.get(pk=pid)
    assert (stored.status, stored.handed_back_from) == ("completed", "")
    assert stored.actual_end is not None and stored.closed_at is not None
    assert set(PermitTask.objects.filter(permit_id=pid, kind="accept_handback").values_list("state", flat=True)) == {
        "done",
        "withdrawn",
    }
    topics = list(OutboxMessage.objects.filter(topic__startswith="permit.").values_list("topic", flat=True))
    assert topics[-2:] == ["permit.handed_back", "permit.completed"]


def test_a_handed_back_permit_is_not_handed_back_twice_or_expired(world: World) -> None:
    permit = world.create()
    pid = permit["id"]
    world.walk(pid, PATHS["handback_pending"])
    again = world.act(pid, "hand_back", "requester")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_transition"
    from ptw.permits.services.transitions import expire_due

    with time_machine.travel(timezone.now() + timedelta(hours=12)):
        assert expire_due() == []
    assert Permit.objects.get(pk=pid).status == "handback_pending"


@pytest.mark.parametrize("came_from", ["active", "suspended"])
def test_a_refusal_returns_the_permit_where_it_was_with_the_reason_on_the_timeline(
    world: World, came_from: str
) -> None:
    permit = world.create()
    pid = permit["id"]
    world.walk(pid, PATHS[came_from])
    world.walk(pid, [("hand_back", "requester")])
    no_reason = world.client("issuer").post(f"{URL}{pid}/refuse_handback/", {}, format="json")
    assert no_reason.status_code == 400
    assert Permit.objects.get(pk=pid).status == "handback_pending"
    assert world.act(pid, "refuse_handback", "requester", reason="Mine").status_code == 403
    refused = world.act(pid, "refuse_handback", "issuer", reason="Scaffold boards left on the pipe rack")
    assert refused.status_code == 200, refused.json()
    stored = Permit.objects.get(pk=pid)
    assert (stored.status, stored.handed_back_from, stored.actual_end) == (came_from, "", None)
    event = PermitEvent.objects.filter(permit_id=pid).order_by("-seq").first()
    assert event is not None
    assert (event.action, event.from_status, event.to_status, event.comment) == (
        "refuse_handback",
        "handback_pending",
        came_from,
        "Scaffold boards left on the pipe rack",
    )
    assert OutboxMessage.objects.filter(topic="permit.handback_refused").count() == 1
    # Handed back again, it can be accepted.
    world.walk(pid, [("hand_back", "requester"), ("complete", "issuer")])


def test_an_expired_permit_is_handed_back_and_accepted(world: World, permit_in: Any) -> None:
    permit = permit_in("expired")
    world.walk(permit["id"], [("hand_back", "requester"), ("complete", "issuer")])
    assert Permit.objects.get(pk=permit["id"]).status == "completed"


# --- fire watch ---------------------------------------------------------------------------------------------------


def test_hot_work_acceptance_is_refused_at_59_minutes_and_possible_at_60(world: World) -> None:
    permit = active_hot_work(world)
    pid = permit["id"]
    assert missing_codes(world, pid, "hand_back", "requester") == ["fire_watch_missing"]
    assert world.act(pid, "hand_back", "requester").status_code == 422
    ended = timezone.now()
    body = {"hot_work_ended_at": ended.isoformat(), "keeper_id": world["verifier"].id}
    saved = fire_watch_put(world, pid, body)
    assert saved.status_code == 200, saved.json()
    assert saved["ETag"] == '"2"'
    watch = saved.json()
    assert (watch["minutes"], watch["keeper"]["name"], watch["signed_off_at"]) == (60, world["verifier"].name, None)
    assert datetime.fromisoformat(watch["ends_at"]) == ended + timedelta(minutes=60)
    world.walk(pid, [("hand_back", "requester")])
    with time_machine.travel(ended + timedelta(minutes=59), tick=False):
        readiness = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["complete"]
        assert readiness["missing"] == [
            {"code": "fire_watch_running", "message": "The fire watch runs for 1 more minute(s)."}
        ]
        assert world.act(pid, "complete", "issuer").status_code == 422
        early = sign_off(world, pid, "verifier")
        assert (early.status_code, early.json()["error"]["code"]) == (409, "fire_watch_running")
    with time_machine.travel(ended + timedelta(minutes=60), tick=False):
        assert missing_codes(world, pid, "complete") == ["fire_watch_not_signed_off"]
        assert world.act(pid, "complete", "issuer").status_code == 422
        assert sign_off(world, pid, "requester").status_code == 403
        assert world.client("verifier").get(f"{URL}{pid}/fire-watch/").json()["can_sign_off"] is True
        signed = sign_off(world, pid, "verifier")
        assert signed.status_code == 200, signed.json()
        assert signed.json()["sign_off_remarks"] == "Area cold"
        assert sign_off(world, pid, "verifier").json()["error"]["code"] == "fire_watch_signed_off"
        accepted = world.act(pid, "complete", "issuer")
        assert accepted.status_code == 200, accepted.json()
    actions = list(PermitEvent.objects.filter(permit_id=pid).values_list("action", flat=True))
    assert actions[-4:] == ["fire_watch", "hand_back", "fire_watch_signed_off", "complete"]


def test_the_fire_watch_time_follows_the_project_override(world: World) -> None:
    permit = active_hot_work(world)
    pid = permit["id"]
    assert override(world, "hot-work", {"fire_watch_minutes": 1}, if_match='"2"').status_code == 200
    ended = timezone.now()
    fire_watch_put(world, pid, {"hot_work_ended_at": ended.isoformat(), "keeper_id": world["verifier"].id})
    world.walk(pid, [("hand_back", "requester")])
    with time_machine.travel(ended + timedelta(minutes=1), tick=False):
        assert sign_off(world, pid, "verifier").status_code == 200
        assert world.act(pid, "complete", "issuer").status_code == 200


def test_the_fire_watch_record_refuses_bad_input_and_changes_nothing(world: World) -> None:
    permit = active_hot_work(world)
    pid = permit["id"]
    now = timezone.now()
    keeper = world["verifier"].id
    future = fire_watch_put(
        world, pid, {"hot_work_ended_at": (now + timedelta(hours=1)).isoformat(), "keeper_id": keeper}
    )
    assert future.status_code == 400
    assert "hot_work_ended_at" in future.json()["error"]["fields"]
    outsider = world["outsider"].id
    foreign = fire_watch_put(world, pid, {"hot_work_ended_at": now.isoformat(), "keeper_id": outsider})
    assert foreign.status_code == 400
    no_match = world.client("requester").put(
        f"{URL}{pid}/fire-watch/", {"hot_work_ended_at": now.isoformat(), "keeper_id": keeper}, format="json"
    )
    assert no_match.status_code == 428
    assert fire_watch_put(world, pid, {"hot_work_ended_at": "yesterday", "keeper_id": keeper}).status_code == 400
    viewer = fire_watch_put(world, pid, {"hot_work_ended_at": now.isoformat(), "keeper_id": keeper}, who="viewer")
    assert viewer.status_code == 403
    outside = fire_watch_put(world, pid, {"hot_work_ended_at": now.isoformat(), "keeper_id": keeper}, who="outsider")
    assert outside.status_code == 404
    assert world.client("requester").get(f"{URL}{pid}/fire-watch/").json()["version"] == 1
    assert fire_watch_put(world, pid, {"hot_work_ended_at": now.isoformat(), "keeper_id": keeper}).status_code == 200
    stale = fire_watch_put(world, pid, {"hot_work_ended_at": now.isoformat(), "keeper_id": world["issuer"].id})
    assert stale.status_code == 409
    assert stale.json()["error"]["current"]["keeper"]["id"] == keeper


def test_a_type_without_fire_watch_has_none_to_record(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    body = {"hot_work_ended_at": timezone.now().isoformat(), "keeper_id": world["verifier"].id}
    response = fire_watch_put(world, permit["id"], body)
    assert (response.status_code, response.json()["error"]["code"]) == (409, "fire_watch_not_required")
    shown = world.client("viewer").get(f"{URL}{permit['id']}/fire-watch/").json()
    assert (shown["required"], shown["can_record"], shown["hot_work_ended_at"]) == (False, False, None)


def test_the_keeper_is_reminded_once_when_the_fire_watch_time_is_up(world: World) -> None:
    permit = active_hot_work(world)
    pid = permit["id"]
    ended = timezone.now()
    fire_watch_put(world, pid, {"hot_work_ended_at": ended.isoformat(), "keeper_id": world["verifier"].id})
    world.walk(pid, [("hand_back", "requester")])
    due = OutboxMessage.objects.filter(topic="fire_watch.due")
    with time_machine.travel(ended + timedelta(minutes=59), tick=False):
        reminders_record()
    assert not due.exists()
    with time_machine.travel(ended + timedelta(minutes=61), tick=False):
        reminders_record()
        reminders_record()
    [message] = list(due)
    assert message.payload["assignees"] == [world["verifier"].id]
    assert message.payload["permit"]["id"] == pid


def test_reading_the_fire_watch_costs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    permit = active_hot_work(world)
    pid = permit["id"]
    fire_watch_put(world, pid, {"hot_work_ended_at": timezone.now().isoformat(), "keeper_id": world["verifier"].id})
    client = world.client("issuer")
    client.get(f"{URL}{pid}/fire-watch/")
    with django_assert_max_num_queries(8):
        assert client.get(f"{URL}{pid}/fire-watch/").status_code == 200


# --- reinstatement ------------------------------------------------------------------------------------------------


def test_reinstatement_is_confirmed_by_another_person_and_acceptance_waits_for_it(world: World) -> None:
    permit = world.create()
    pid = permit["id"]
    iid = applied(world, pid, "L-77")
    assert step(world, pid, iid, "verify", "issuer2").status_code == 200
    world.walk(pid, PATHS["suspended"])
    assert step(world, pid, iid, "reinstate", "verifier", tested=True).status_code == 409
    assert step(world, pid, iid, "deisolate", "issuer").status_code == 200
    world.walk(pid, [("hand_back", "requester")])
    assert missing_codes(world, pid, "complete") == ["reinstatement_pending"]
    by_deisolator = step(world, pid, iid, "reinstate", "issuer", tested=True)
    assert by_deisolator.status_code == 403
    assert by_deisolator.json()["error"]["missing"][0]["code"] == "separation_of_duties"
    listed = world.client("issuer").get(f"{URL}{pid}/isolations/").json()
    assert listed[0]["allowed_actions"] == []
    assert world.client("verifier").get(f"{URL}{pid}/isolations/").json()[0]["allowed_actions"] == ["reinstate"]
    no_reason = step(world, pid, iid, "reinstate", "verifier", tested=False)
    assert (no_reason.status_code, list(no_reason.json()["error"]["fields"])) == (400, ["note"])
    assert step(world, pid, iid, "reinstate", "verifier", tested="maybe").status_code == 400
    done = step(world, pid, iid, "reinstate", "verifier", tested=False, note="Pump run test waits for operations")
    assert done.status_code == 200, done.json()
    body = done.json()
    assert (body["status"], body["reinstated_by"]["name"], body["reinstatement_tested"]) == (
        "reinstated",
        world["verifier"].name,
        False,
    )
    assert body["reinstatement_note"] == "Pump run test waits for operations"
    assert step(world, pid, iid, "reinstate", "verifier", tested=True).status_code == 409
    assert missing_codes(world, pid, "complete") == []
    assert world.act(pid, "complete", "issuer").status_code == 200

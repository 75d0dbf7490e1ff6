"""The closeout (hand-back) checklist: answers against the type's items, who may record them, when,
and the `complete` action that needs every required item done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ptw.permits.chain import chain_verify
from ptw.permits.models import Permit, PermitCloseout, PermitEvent, PermitTypeOverride
from ptw.permits.records import closeout_work_finished
from ptw.permits.tests.conftest import PATHS, URL, World

CHECKLIST = [
    {"key": "area_clean", "label": "Work area cleaned", "required": True},
    {"key": "tools_removed", "label": "Tools and waste removed", "required": True},
    {"key": "photos", "label": "Photos of the finished work taken", "required": False},
]
BIG = "x" * 100_000


def url(permit_id: int) -> str:
    return f"{URL}{permit_id}/closeout/"


def put(world: World, permit_id: int, body: Any, who: str = "requester", version: str | None = "1") -> Any:
    headers = {"HTTP_IF_MATCH": f'"{version}"'} if version is not None else {}
    return world.client(who).put(url(permit_id), body, format="json", **headers)


def missing_codes(world: World, permit_id: int, action: str, who: str = "requester") -> list[str]:
    readiness = world.client(who).get(f"{URL}{permit_id}/readiness/").json()
    return [m["code"] for m in readiness["actions"][action]["missing"]]


@pytest.fixture
def active(world: World) -> dict[str, Any]:
    """An active permit of the general type, which this project makes require a closeout."""
    PermitTypeOverride.objects.create(
        project=world.acme.project,
        permit_type=world.ptype("general"),
        values={"requires_closeout": True, "closeout_checklist": CHECKLIST},
    )
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])
    return permit


def test_before_any_answer_the_checklist_is_open_at_version_1(world: World, active: dict[str, Any]) -> None:
    response = world.client("viewer").get(url(active["id"]))
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    body = response.json()
    assert (body["version"], body["required"], body["complete"], body["work_finished"]) == (1, True, False, False)
    assert [(i["key"], i["required"], i["done"], i["answered_by"]) for i in body["items"]] == [
        ("area_clean", True, False, None),
        ("tools_removed", True, False, None),
        ("photos", False, False, None),
    ]


def test_answers_merge_item_by_item_and_name_who_answered(world: World, active: dict[str, Any]) -> None:
    pid = active["id"]
    first = put(world, pid, {"answers": {"area_clean": {"done": True, "comment": "Swept"}}, "remarks": "All good"})
    assert first.status_code == 200, first.json()
    assert first["ETag"] == '"2"'
    second = put(world, pid, {"answers": {"photos": {"done": True}}}, who="issuer", version="2")
    assert second.status_code == 200, second.json()
    body = second.json()
    items = {i["key"]: i for i in body["items"]}
    assert (items["area_clean"]["done"], items["area_clean"]["comment"]) == (True, "Swept")
    assert items["area_clean"]["answered_by"]["name"] == world["requester"].name
    assert items["photos"]["answered_by"]["name"] == world["issuer"].name
    assert items["area_clean"]["answered_at"] is not None
    assert items["tools_removed"]["done"] is False
    assert (body["remarks"], body["version"], body["updated_by"]["name"]) == ("All good", 3, world["issuer"].name)
    assert body["complete"] is False


def test_hand_back_needs_every_required_item_done(world: World, active: dict[str, Any]) -> None:
    pid = active["id"]
    readiness = world.client("requester").get(f"{URL}{pid}/readiness/").json()["actions"]["hand_back"]
    assert readiness["missing"] == [
        {
            "code": "closeout_incomplete",
            "message": "Complete the closeout items: Work area cleaned; Tools and waste removed.",
        }
    ]
    refused = world.act(pid, "hand_back", "requester")
    assert refused.status_code == 422
    assert refused.json()["error"]["missing"] == readiness["missing"]
    assert put(world, pid, {"answers": {"area_clean": {"done": True}}}).status_code == 200
    still = world.client("requester").get(f"{URL}{pid}/readiness/").json()["actions"]["hand_back"]["missing"]
    assert [m["message"] for m in still] == ["Complete the closeout items: Tools and waste removed."]
    assert world.act(pid, "hand_back", "requester").status_code == 422
    assert put(world, pid, {"answers": {"tools_removed": {"done": True}}}, version="2").status_code == 200
    assert world.client("requester").get(url(pid)).json()["complete"] is True
    assert missing_codes(world, pid, "hand_back") == []
    done = world.act(pid, "hand_back", "requester")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "handback_pending"
    accepted = world.act(pid, "complete", "issuer")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "completed"


def test_an_item_ticked_off_again_blocks_the_hand_back_again(world: World, active: dict[str, Any]) -> None:
    pid = active["id"]
    both = {"area_clean": {"done": True}, "tools_removed": {"done": True}}
    assert put(world, pid, {"answers": both}).status_code == 200
    assert missing_codes(world, pid, "hand_back") == []
    assert put(world, pid, {"answers": {"tools_removed": {"done": False}}}, version="2").status_code == 200
    assert missing_codes(world, pid, "hand_back") == ["closeout_incomplete"]


def test_work_finished_is_recorded_once_with_who_and_when(world: World, active: dict[str, Any]) -> None:
    pid = active["id"]
    permit = Permit.objects.get(pk=pid)
    assert closeout_work_finished(permit) is False
    response = put(world, pid, {"work_finished": True}, who="issuer")
    assert response.status_code == 200
    body = response.json()
    assert body["work_finished"] is True
    assert body["work_finished_by"]["name"] == world["issuer"].name
    assert body["work_finished_at"] is not None
    assert closeout_work_finished(permit) is True
    withdrawn = put(world, pid, {"work_finished": False}, version="2")
    assert withdrawn.status_code == 409
    assert withdrawn.json()["error"]["code"] == "work_finished_recorded"
    assert world.client("requester").get(url(pid)).json() == body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": {"no_such_item": {"done": True}}}, "answers"),
        ({"answers": {"handed_back": {"done": True}}}, "answers"),
        ({"answers": {"area_clean": {"done": "yes"}}}, "answers"),
        ({"answers": {"area_clean": {"done": 1}}}, "answers"),
        ({"answers": {"area_clean": {}}}, "answers"),
        ({"answers": {"area_clean": {"done": True, "by": 3}}}, "answers"),
        ({"answers": {"area_clean": {"done": True, "comment": BIG}}}, "answers"),
        ({"answers": {"k" * 61: {"done": True}}}, "answers"),
        ({"answers": [{"key": "area_clean", "done": True}]}, "answers"),
        ({"answers": "area_clean"}, "answers"),
        ({"remarks": BIG}, "remarks"),
        ({"remarks": ["a"]}, "remarks"),
        ({"work_finished": "true"}, "work_finished"),
        ({"work_finished": None}, "work_finished"),
        ({"finished": True}, "finished"),
        ({"complete": True}, "complete"),
    ],
)
def test_bad_input_is_400_and_changes_nothing(
    world: World, active: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    events = PermitEvent.objects.filter(permit_id=active["id"]).count()
    response = put(world, active["id"], body)
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] in ("invalid", "read_only_field")
    assert field in response.json()["error"]["fields"]
    assert not PermitCloseout.objects.exists()
    assert PermitEvent.objects.filter(permit_id=active["id"]).count() == events


def test_if_match_is_required_and_a_stale_version_gets_the_current_one(world: World, active: dict[str, Any]) -> None:
    pid = active["id"]
    body = {"answers": {"area_clean": {"done": True}}}
    missing = put(world, pid, body, version=None)
    assert missing.status_code == 428
    assert missing.json()["error"]["code"] == "precondition_required"
    assert not PermitCloseout.objects.exists()
    assert put(world, pid, body).status_code == 200
    stale = put(world, pid, {"remarks": "Late edit"}, who="issuer", version="1")
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "version_conflict"
    assert error["current"] == world.client("requester").get(url(pid)).json()
    assert error["current"]["remarks"] == ""
    in_body = world.client("issuer").put(url(pid), {"remarks": "Late edit", "version": 2}, format="json")
    assert in_body.status_code == 200
    assert in_body.json()["version"] == 3


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("verifier", 403), ("admin", 403), ("outsider", 404)])
def test_only_the_requester_or_issuer_record_the_closeout(
    world: World, active: dict[str, Any], who: str, status: int
) -> None:
    response = put(world, active["id"], {"answers": {"area_clean": {"done": True}}}, who=who)
    assert response.status_code == status
    assert response.json()["error"]["code"] == ("forbidden" if status == 403 else "not_found")
    assert not PermitCloseout.objects.exists()
    assert world.client(who).get(url(active["id"])).status_code == (404 if who == "outsider" else 200)


@pytest.mark.parametrize(
    ("status", "open_"),
    [
        ("draft", False),
        ("submitted", False),
        ("under_review", False),
        ("approved", False),
        ("rejected", False),
        ("cancelled", False),
        ("completed", False),
        ("suspended", True),
        ("expired", True),
    ],
)
def test_the_closeout_is_open_from_the_start_of_work_until_completion(
    world: World, permit_in: Callable[[str], dict[str, Any]], status: str, open_: bool
) -> None:
    permit = permit_in(status)
    who = "requester"
    response = put(world, permit["id"], {"answers": {"area_clean": {"done": True}}}, who=who)
    if open_:
        assert response.status_code == 200, response.json()
    else:
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "closeout_not_open"
        assert not PermitCloseout.objects.exists()


def test_every_write_appends_one_event_and_a_repeat_writes_nothing(world: World, active: dict[str, Any]) -> None:
    pid = active["id"]
    before = PermitEvent.objects.filter(permit_id=pid).count()
    body = {"answers": {"area_clean": {"done": True, "comment": "Swept"}}, "remarks": "Hand-back at 17:00"}
    assert put(world, pid, body).status_code == 200
    event = PermitEvent.objects.filter(permit_id=pid).order_by("-seq").first()
    assert event is not None
    assert (event.action, event.actor_id, event.from_status, event.to_status) == (
        "closeout",
        world["requester"].id,
        "active",
        "active",
    )
    assert event.changes == {
        "answers.area_clean": [None, {"done": True, "comment": "Swept"}],
        "remarks": ["", "Hand-back at 17:00"],
    }
    repeat = put(world, pid, body, version="2")
    assert repeat.status_code == 200
    assert repeat.json()["version"] == 2
    assert put(world, pid, {"work_finished": True}, version="2").status_code == 200
    last = PermitEvent.objects.filter(permit_id=pid).order_by("-seq").first()
    assert last is not None
    assert last.changes == {"work_finished": [False, True]}
    assert PermitEvent.objects.filter(permit_id=pid).count() == before + 2
    assert chain_verify(pid).valid


def test_the_timeline_shows_closeout_events(world: World, active: dict[str, Any]) -> None:
    assert put(world, active["id"], {"answers": {"photos": {"done": True}}}).status_code == 200
    events = world.client("viewer").get(f"{URL}{active['id']}/events/").json()["results"]
    assert events[-1]["action"] == "closeout"
    assert events[-1]["changes"] == {"answers.photos": [None, {"done": True, "comment": ""}]}

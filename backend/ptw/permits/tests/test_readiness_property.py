"""Readiness and the actions never disagree: for random permits, people and action sequences,
readiness says `allowed` exactly when the action then succeeds."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptw.permits.models import Permit
from ptw.permits.seed import SEED_TYPES
from ptw.permits.tests.conftest import URL, World
from ptw.permits.workflow import USER_ACTIONS

PERSONAS = ("requester", "verifier", "verifier2", "issuer", "issuer2", "admin", "viewer")
WINDOWS = {"now": (-1, 6), "later": (3, 6), "too_long": (-1, 30)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    type_code=st.sampled_from([spec["code"] for spec in SEED_TYPES]),
    window=st.sampled_from(sorted(WINDOWS)),
    hazards=st.sampled_from(["Pressure release", ""]),
    steps=st.lists(st.tuples(st.sampled_from(PERSONAS), st.sampled_from(USER_ACTIONS)), min_size=1, max_size=14),
)
def test_readiness_allowed_iff_action_succeeds(
    world: World, type_code: str, window: str, hazards: str, steps: list[tuple[str, str]]
) -> None:
    start_h, hours = WINDOWS[window]
    now = timezone.now()
    sample = {"select": None, "number": 1, "boolean": True, "date": "2026-01-31"}
    params = {
        f["key"]: f["options"][0] if f["type"] == "select" else sample.get(f["type"], "x")
        for f in world.ptype(type_code).form_fields
    }
    permit = world.create(
        type_code,
        planned_start=(now + timedelta(hours=start_h)).isoformat(),
        planned_end=(now + timedelta(hours=start_h + hours)).isoformat(),
        hazards=hazards,
        parameters=params,
    )
    for persona, action in steps:
        client = world.client(persona)
        readiness = client.get(f"{URL}{permit['id']}/readiness/").json()["actions"][action]
        before = Permit.objects.get(pk=permit["id"])
        body = {"reason": "Property check", **world.signature(persona, action)}
        response = client.post(f"{URL}{permit['id']}/{action}/", body, format="json")
        assert (response.status_code == 200) == readiness["allowed"], (persona, action, readiness, response.json())
        if response.status_code != 200:
            assert response.status_code in (403, 409, 422)
            returned = {m["code"] for m in response.json()["error"]["missing"]}
            assert returned <= {m["code"] for m in readiness["missing"]}
            after = Permit.objects.get(pk=permit["id"])
            assert (after.status, after.version) == (before.status, before.version)


def test_hot_work_without_a_gas_test_names_it(world: World) -> None:
    params = {"hot_work_kind": "Welding", "fire_watcher": "Sam"}
    permit = world.create("hot-work", parameters=params)
    world.walk(permit["id"], [("submit", "requester")])
    readiness = world.client("verifier").get(f"{URL}{permit['id']}/readiness/").json()
    assert readiness["requires"] == {
        "gas_test": True,
        "isolation": False,
        "toolbox_talk": True,
        "closeout": True,
        "deisolation": False,
        "fire_watch": True,
    }
    assert readiness["actions"]["verify"] == {
        "allowed": False,
        "relevant": True,
        "missing": [{"code": "gas_test_missing", "message": "This permit type needs a gas test; none is recorded."}],
    }
    response = world.act(permit["id"], "verify", "verifier")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "guard_failed"
    assert [m["code"] for m in response.json()["error"]["missing"]] == ["gas_test_missing"]


def test_missing_template_field_blocks_submit(world: World) -> None:
    permit = world.create("hot-work", parameters={"hot_work_kind": "Welding"})
    readiness = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()
    assert [m["code"] for m in readiness["actions"]["submit"]["missing"]] == ["template_field_missing"]
    assert world.act(permit["id"], "submit", "requester").status_code == 422


def test_activation_outside_the_planned_window_is_refused(world: World) -> None:
    now = timezone.now()
    permit = world.create(
        planned_start=(now + timedelta(hours=2)).isoformat(), planned_end=(now + timedelta(hours=8)).isoformat()
    )
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer")])
    response = world.act(permit["id"], "activate", "requester")
    assert response.status_code == 422
    assert [m["code"] for m in response.json()["error"]["missing"]] == ["outside_planned_window"]


def test_approval_needs_mandatory_ppe_and_checklist(world: World) -> None:
    permit = world.create(ppe=["Safety helmet"], checklist={})
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier")])
    response = world.act(permit["id"], "approve", "issuer")
    assert response.status_code == 422
    assert [m["code"] for m in response.json()["error"]["missing"]] == ["ppe_incomplete", "checklist_incomplete"]

"""Gas tests: limits computed by the server at their boundaries, freshness, calibration, auto-suspend."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from ptw.permits.models import GasTest, Permit, PermitEvent, PermitTypeOverride
from ptw.permits.tests.conftest import URL, World

HOT = {"hot_work_kind": "Welding", "fire_watcher": "Sam Osei"}
UNITS = {"O2": "%vol", "LEL": "%LEL", "H2S": "ppm", "CO": "ppm"}


def reading(gas: str, value: str, **overrides: Any) -> dict[str, Any]:
    today = timezone.now().date()
    body = {
        "gas": gas,
        "value": value,
        "unit": UNITS.get(gas, "ppm"),
        "instrument_id": "GX-2009 #4471",
        "calibrated_on": (today - timedelta(days=30)).isoformat(),
        "location": "Work point, 1 m above grade",
    }
    body.update(overrides)
    return body


def record(world: World, permit_id: int, body: dict[str, Any], who: str = "verifier") -> Any:
    return world.client(who).post(f"{URL}{permit_id}/gas-tests/", body, format="json")


@pytest.fixture
def hot_permit(world: World) -> dict[str, Any]:
    permit = world.create("hot-work", parameters=HOT)
    world.walk(permit["id"], [("submit", "requester")])
    return permit


@pytest.mark.parametrize(
    ("gas", "value", "result"),
    [
        ("O2", "19.4", "fail"),
        ("O2", "19.5", "pass"),
        ("O2", "20.9", "pass"),
        ("O2", "23.5", "pass"),
        ("O2", "23.6", "fail"),
        ("LEL", "0", "pass"),
        ("LEL", "9.9", "pass"),
        ("LEL", "10", "fail"),
        ("H2S", "9", "pass"),
        ("H2S", "10", "fail"),
        ("CO", "34", "pass"),
        ("CO", "35", "fail"),
    ],
)
def test_the_server_judges_each_reading_at_its_boundary(
    world: World, hot_permit: dict[str, Any], gas: str, value: str, result: str
) -> None:
    response = record(world, hot_permit["id"], reading(gas, value))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["result"] == result
    assert body["limit"]["unit"] == UNITS[gas]
    assert body["tested_by"]["name"] == world["verifier"].name


def test_a_client_cannot_set_the_result(world: World, hot_permit: dict[str, Any]) -> None:
    response = record(world, hot_permit["id"], {**reading("LEL", "50"), "result": "pass"})
    assert response.status_code == 400
    assert not GasTest.objects.exists()


@pytest.mark.parametrize(("age_days", "accepted"), [(0, True), (180, True), (181, False)])
def test_instrument_calibration_age(world: World, hot_permit: dict[str, Any], age_days: int, accepted: bool) -> None:
    calibrated = (timezone.now().date() - timedelta(days=age_days)).isoformat()
    response = record(world, hot_permit["id"], reading("O2", "20.9", calibrated_on=calibrated))
    if accepted:
        assert response.status_code == 201
    else:
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "instrument_out_of_calibration"
        assert "calibrated_on" in response.json()["error"]["fields"]
        assert not GasTest.objects.exists()


@pytest.mark.parametrize(
    "body", [reading("NH3", "1"), reading("O2", "20.9", unit="ppm"), reading("O2", "-1"), reading("O2", "abc")]
)
def test_bad_readings_are_400(world: World, hot_permit: dict[str, Any], body: dict[str, Any]) -> None:
    assert record(world, hot_permit["id"], body).status_code == 400
    assert not GasTest.objects.exists()


def test_viewers_and_outsiders_cannot_record(world: World, hot_permit: dict[str, Any]) -> None:
    assert record(world, hot_permit["id"], reading("O2", "20.9"), who="viewer").status_code == 403
    assert record(world, hot_permit["id"], reading("O2", "20.9"), who="outsider").status_code == 404
    assert world.client("outsider").get(f"{URL}{hot_permit['id']}/gas-tests/").status_code == 404


def test_verify_needs_a_test_and_approve_needs_safe_fresh_ones(world: World, hot_permit: dict[str, Any]) -> None:
    pid = hot_permit["id"]
    readiness = world.client("verifier").get(f"{URL}{pid}/readiness/").json()["actions"]["verify"]
    assert [m["code"] for m in readiness["missing"]] == ["gas_test_missing"]
    assert record(world, pid, reading("O2", "20.9")).status_code == 201
    assert world.act(pid, "verify", "verifier").status_code == 200
    approve = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]
    assert approve["missing"] == [{"code": "gas_test_missing", "message": "No LEL reading is recorded."}]
    assert record(world, pid, reading("LEL", "12")).status_code == 201
    approve = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]
    assert [m["code"] for m in approve["missing"]] == ["gas_test_unsafe"]
    response = world.act(pid, "approve", "issuer")
    assert response.status_code == 422
    assert [m["code"] for m in response.json()["error"]["missing"]] == ["gas_test_unsafe"]
    assert record(world, pid, reading("LEL", "0")).status_code == 201
    assert world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]["allowed"] is True


@pytest.mark.parametrize(("minutes", "fresh"), [(119, True), (121, False)])
def test_a_test_is_fresh_for_120_minutes(world: World, hot_permit: dict[str, Any], minutes: int, fresh: bool) -> None:
    pid = hot_permit["id"]
    for gas, value in (("O2", "20.9"), ("LEL", "0")):
        assert record(world, pid, reading(gas, value)).status_code == 201
    world.walk(pid, [("verify", "verifier")])
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
        approve = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["approve"]
        response = world.act(pid, "approve", "issuer")
    assert approve["allowed"] is fresh
    assert (response.status_code == 200) is fresh
    if not fresh:
        assert {m["code"] for m in approve["missing"]} == {"gas_test_stale"}


def test_an_unsafe_reading_on_an_active_permit_suspends_it_at_once(world: World) -> None:
    general = world.ptype("general")
    PermitTypeOverride.objects.create(
        project=world.acme.project,
        permit_type=general,
        values={"requires_gas_test": True, "gas_tests_required": ["O2", "LEL", "H2S"]},
    )
    permit = world.create()
    pid = permit["id"]
    for gas in ("O2", "LEL", "H2S"):
        assert record(world, pid, reading(gas, "20.9" if gas == "O2" else "0")).status_code == 201
    world.walk(pid, [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer"), ("activate", "requester")])
    response = record(world, pid, reading("H2S", "15"), who="requester")
    assert response.status_code == 201
    assert response.json()["result"] == "fail"
    permit_row = Permit.objects.get(pk=pid)
    assert permit_row.status == "suspended"
    last = PermitEvent.objects.filter(permit_id=pid).order_by("-seq").first()
    assert last is not None
    assert (last.action, last.actor_id, last.from_status, last.to_status) == ("suspend", None, "active", "suspended")
    assert "Unsafe gas reading: H2S 15.00 ppm" in last.comment
    resume = world.client("issuer").get(f"{URL}{pid}/readiness/").json()["actions"]["resume"]
    assert [m["code"] for m in resume["missing"]] == ["gas_test_unsafe"]

"""Field records a device queued without signal and sends later: each names the permit version it was made
against and is refused, changing nothing, when the permit has moved on; a gas reading keeps its own
measured time and is judged by it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ptw.permits.models import GasTest, PermitCloseout, PermitEvent, PermitTypeOverride, ToolboxTalk
from ptw.permits.tests.conftest import PATHS, URL, World
from ptw.permits.tests.test_gas_tests import HOT, reading

CHECKLIST = [{"key": "area_clean", "label": "Work area cleaned", "required": True}]


@pytest.fixture
def active(world: World) -> dict[str, Any]:
    PermitTypeOverride.objects.create(
        project=world.acme.project,
        permit_type=world.ptype("general"),
        values={"requires_closeout": True, "closeout_checklist": CHECKLIST},
    )
    permit = world.create()
    return world.walk(permit["id"], PATHS["active"])


def gas(world: World, permit_id: int, **body: Any) -> Any:
    return world.client("requester").post(f"{URL}{permit_id}/gas-tests/", reading("O2", "20.9", **body), format="json")


def closeout(world: World, permit_id: int, **body: Any) -> Any:
    answer = {"answers": {"area_clean": {"done": True, "comment": "swept"}}, **body}
    return world.client("requester").put(f"{URL}{permit_id}/closeout/", answer, format="json", HTTP_IF_MATCH='"1"')


def talk(world: World, permit_id: int, **body: Any) -> Any:
    record = {"held_at": timezone.now().isoformat(), "topics": ["Hot work", "Escape route"], **body}
    return world.client("requester").put(f"{URL}{permit_id}/toolbox-talk/", record, format="json", HTTP_IF_MATCH='"1"')


@pytest.mark.parametrize("send", [gas, closeout, talk], ids=["gas test", "closeout answer", "toolbox talk"])
def test_a_record_made_against_the_current_version_is_taken(world: World, active: dict[str, Any], send: Any) -> None:
    response = send(world, active["id"], permit_version=active["version"])
    assert response.status_code in (200, 201), response.json()


@pytest.mark.parametrize("send", [gas, closeout, talk], ids=["gas test", "closeout answer", "toolbox talk"])
def test_a_record_made_before_the_permit_was_suspended_is_refused_and_changes_nothing(
    world: World, active: dict[str, Any], send: Any
) -> None:
    suspended = world.walk(active["id"], [("suspend", "issuer")])
    events = PermitEvent.objects.filter(permit_id=active["id"]).count()
    response = send(world, active["id"], permit_version=active["version"])
    assert response.status_code == 409, response.json()
    body = response.json()["error"]
    assert body["code"] == "permit_moved_on"
    assert body["permit"] == {"status": "suspended", "version": suspended["version"]}
    assert f"version {active['version']}" in body["message"]
    assert "now suspended" in body["message"]
    assert PermitEvent.objects.filter(permit_id=active["id"]).count() == events
    assert not GasTest.objects.exists()
    assert not PermitCloseout.objects.exists()
    assert not ToolboxTalk.objects.exists()


@pytest.mark.parametrize("version", [0, -1, "two", 1.5, None])
def test_a_permit_version_that_is_not_a_version_is_400(world: World, active: dict[str, Any], version: Any) -> None:
    response = gas(world, active["id"], permit_version=version)
    assert response.status_code == 400
    assert "permit_version" in response.json()["error"]["fields"]
    assert not GasTest.objects.exists()


def test_a_reading_taken_offline_keeps_its_measured_time(world: World) -> None:
    permit = world.create("hot-work", parameters=HOT)
    world.walk(permit["id"], [("submit", "requester")])
    measured = (timezone.now() - timedelta(minutes=20)).replace(microsecond=0)
    response = gas(world, permit["id"], tested_at=measured.isoformat(), permit_version=2)
    assert response.status_code == 201, response.json()
    stored = GasTest.objects.get()
    assert stored.tested_at == measured
    assert stored.fresh_until == measured + timedelta(minutes=120)


@pytest.mark.parametrize(
    ("age", "accepted"),
    [(timedelta(minutes=119), True), (timedelta(minutes=121), False), (timedelta(days=3), False)],
)
def test_a_reading_older_than_the_validity_is_refused(world: World, age: timedelta, accepted: bool) -> None:
    permit = world.create("hot-work", parameters=HOT)
    response = gas(world, permit["id"], tested_at=(timezone.now() - age).isoformat())
    if accepted:
        assert response.status_code == 201, response.json()
        return
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "gas_test_stale"
    assert body["fields"]["tested_at"] == ["Older than the gas-test validity (120 minutes)."]
    assert not GasTest.objects.exists()

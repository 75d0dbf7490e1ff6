"""Project admins change the policy table and PTW settings; the change takes effect at once."""

from __future__ import annotations

import pytest

from ptw.accounts.models import Project
from ptw.permits.tests.conftest import World

URL = "/api/v1/projects/{}/"


@pytest.fixture
def world(db: None) -> World:
    return World()


def test_admin_moves_the_verify_pool_and_it_applies_to_actions(world: World) -> None:
    project = world.acme.project
    body = {"policy": {"verify": [{"side": "epc", "grades": ["A"]}]}, "ptw_settings": {"grace_hours": 3}}
    response = world.client("admin").patch(URL.format(project.id), body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["policy"]["verify"] == [{"side": "epc", "grades": ["A"]}]
    assert response.json()["policy"]["approve"] == [{"side": "client", "grades": ["A", "B"]}]
    assert response.json()["ptw_settings"]["grace_hours"] == 3
    assert response["ETag"] == '"2"'
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    assert world.act(permit["id"], "verify", "verifier").status_code == 403
    assert world.act(permit["id"], "verify", "verifier2").status_code == 200


@pytest.mark.parametrize(
    ("who", "body", "status", "code"),
    [
        ("requester", {"ptw_settings": {"grace_hours": 1}}, 403, "forbidden"),
        ("viewer", {"ptw_settings": {"grace_hours": 1}}, 403, "forbidden"),
        ("outsider", {"ptw_settings": {"grace_hours": 1}}, 404, "not_found"),
        ("admin", {"policy": {"verify": [{"side": "martians", "grades": ["A"]}]}}, 400, "invalid"),
        ("admin", {"policy": {"verify": [{"grades": ["A"]}]}}, 400, "invalid"),
        ("admin", {"policy": {"inspect": []}}, 400, "invalid"),
        ("admin", {"ptw_settings": {"gas_test_validity_minutes": 0}}, 400, "invalid"),
        ("admin", {"time_zone": "Mars/Olympus"}, 400, "invalid"),
        ("admin", {"name": "Renamed"}, 400, "read_only_field"),
    ],
)
def test_bad_project_updates_change_nothing(world: World, who: str, body: dict, status: int, code: str) -> None:
    project = world.acme.project
    before = Project.objects.values().get(pk=project.id)
    response = world.client(who).patch(URL.format(project.id), body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == status, response.json()
    assert response.json()["error"]["code"] == code
    assert Project.objects.values().get(pk=project.id) == before


def test_project_update_needs_the_current_version(world: World) -> None:
    client, url = world.client("admin"), URL.format(world.acme.project.id)
    assert client.patch(url, {"ptw_settings": {"grace_hours": 1}}, format="json").status_code == 428
    assert (
        client.patch(url, {"ptw_settings": {"grace_hours": 1}}, format="json", HTTP_IF_MATCH='"7"').status_code == 409
    )

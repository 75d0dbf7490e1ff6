"""Idempotency-Key replays and optimistic versions (ETag / If-Match)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ptw.permits.models import Permit, PermitEvent
from ptw.permits.tests.conftest import URL, World


def test_replayed_create_returns_the_identical_body_and_creates_nothing(world: World) -> None:
    client, body = world.client("requester"), world.permit_body()
    first = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="create-1")
    assert first.status_code == 201
    count = Permit.objects.count()
    again = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="create-1")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert again["ETag"] == first["ETag"]
    assert Permit.objects.count() == count


def test_same_key_with_another_body_is_422(world: World) -> None:
    client = world.client("requester")
    assert client.post(URL, world.permit_body(), format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    count = Permit.objects.count()
    response = client.post(URL, world.permit_body(title="Other"), format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Permit.objects.count() == count


def test_keys_are_per_user(world: World) -> None:
    body = world.permit_body()
    assert world.client("requester").post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k").status_code == 201
    response = world.client("verifier").post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 201
    assert not response.has_header("Idempotent-Replayed")


def test_a_double_clicked_action_acts_once(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("submitted")
    client = world.client("verifier")
    url = f"{URL}{permit['id']}/verify/"
    body = world.signature("verifier", "verify")
    first = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="verify-1")
    second = client.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="verify-1")
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.json() == first.json()
    assert PermitEvent.objects.filter(permit_id=permit["id"], action="verify").count() == 1


def test_a_failed_attempt_is_not_recorded(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("submitted")
    url = f"{URL}{permit['id']}/reject/"
    refused = world.client("verifier").post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="r")
    assert refused.status_code == 400
    accepted = world.client("verifier").post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="r")
    assert accepted.status_code == 400  # the same body again: evaluated again, not replayed
    assert not accepted.has_header("Idempotent-Replayed")


def test_patch_with_the_current_version_bumps_it(world: World) -> None:
    permit = world.create()
    client = world.client("requester")
    response = client.patch(f"{URL}{permit['id']}/", {"title": "Renamed"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert (response.json()["version"], response["ETag"]) == (2, '"2"')
    by_body = client.patch(f"{URL}{permit['id']}/", {"title": "Again", "version": 2}, format="json")
    assert by_body.status_code == 200
    assert by_body.json()["version"] == 3


def test_stale_if_match_is_409_with_the_current_permit_and_changes_nothing(world: World) -> None:
    permit = world.create()
    client = world.client("requester")
    assert (
        client.patch(f"{URL}{permit['id']}/", {"title": "One"}, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    )
    stale = client.patch(f"{URL}{permit['id']}/", {"title": "Two"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "version_conflict"
    assert (error["current"]["title"], error["current"]["version"]) == ("One", 2)
    assert Permit.objects.get(pk=permit["id"]).title == "One"


def test_delete_with_a_stale_if_match_is_409_without_a_body_of_the_permit(world: World) -> None:
    permit = world.create()
    stale = world.client("requester").delete(f"{URL}{permit['id']}/", HTTP_IF_MATCH='"2"')
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert (error["code"], "current" in error) == ("version_conflict", False)
    assert Permit.objects.filter(pk=permit["id"]).exists()


def test_patch_without_a_version_is_428(world: World) -> None:
    permit = world.create()
    response = world.client("requester").patch(f"{URL}{permit['id']}/", {"title": "x"}, format="json")
    assert response.status_code == 428
    assert response.json()["error"]["code"] == "precondition_required"

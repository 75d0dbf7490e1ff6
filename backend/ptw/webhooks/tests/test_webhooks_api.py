"""Webhook endpoints over HTTP: who may read and write, the secret shown once, rotation, bad input, scope."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ptw.webhooks.models import WebhookDelivery, WebhookEndpoint
from ptw.webhooks.tests.conftest import HOOKS, Receiver, World, register

PUBLIC = "https://93.184.215.14/hooks/ptw"


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(world: World) -> None:
    created = world.client("admin").post(
        HOOKS,
        {"project": world.acme.project.id, "url": PUBLIC, "events": ["permit.approved", "permit.submitted"]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="create-1",
    )
    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_")
    assert body["events"] == ["permit.submitted", "permit.approved"]  # catalogue order
    assert (body["enabled"], body["version"], body["last_delivery"]) == (True, 1, None)
    assert created["ETag"] == '"1"'
    listed = world.client("viewer").get(HOOKS, {"project": world.acme.project.id}).json()
    assert [e["id"] for e in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in world.client("admin").get(f"{HOOKS}{body['id']}/").json()
    replay = world.client("admin").post(
        HOOKS,
        {"project": world.acme.project.id, "url": PUBLIC, "events": ["permit.approved", "permit.submitted"]},
        format="json",
        HTTP_IDEMPOTENCY_KEY="create-1",
    )
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["secret"] is None
    assert WebhookEndpoint.objects.count() == 1


@pytest.mark.parametrize("who", ["requester", "verifier", "issuer", "viewer"])
def test_only_project_admins_write(world: World, who: str) -> None:
    endpoint = register(world, PUBLIC)
    eid = endpoint["id"]
    client = world.client(who)
    attempts = [
        client.post(
            HOOKS, {"project": world.acme.project.id, "url": PUBLIC, "events": ["permit.created"]}, format="json"
        ),
        client.patch(f"{HOOKS}{eid}/", {"enabled": False}, format="json", HTTP_IF_MATCH='"1"'),
        client.delete(f"{HOOKS}{eid}/"),
        client.post(f"{HOOKS}{eid}/test/"),
        client.post(f"{HOOKS}{eid}/rotate-secret/"),
        client.get(f"{HOOKS}{eid}/deliveries/"),
    ]
    assert [r.status_code for r in attempts] == [403] * 6
    assert all(r.json()["error"]["code"] == "forbidden" for r in attempts)
    assert WebhookEndpoint.objects.get().version == 1
    assert WebhookEndpoint.objects.count() == 1
    assert not WebhookDelivery.objects.exists()


def test_another_tenant_finds_nothing(world: World) -> None:
    endpoint = register(world, PUBLIC)
    outsider = world.client("outsider")
    assert outsider.get(HOOKS).json() == []
    assert outsider.get(HOOKS, {"project": world.acme.project.id}).status_code == 404
    for response in (
        outsider.get(f"{HOOKS}{endpoint['id']}/"),
        outsider.patch(f"{HOOKS}{endpoint['id']}/", {"enabled": False}, format="json", HTTP_IF_MATCH='"1"'),
        outsider.delete(f"{HOOKS}{endpoint['id']}/"),
        outsider.post(f"{HOOKS}{endpoint['id']}/test/"),
        outsider.post(f"{HOOKS}{endpoint['id']}/rotate-secret/"),
        outsider.get(f"{HOOKS}{endpoint['id']}/deliveries/"),
    ):
        assert response.status_code == 404
    created = outsider.post(
        HOOKS, {"project": world.acme.project.id, "url": PUBLIC, "events": ["permit.created"]}, format="json"
    )
    assert created.status_code == 400
    assert "project" in created.json()["error"]["fields"]
    assert WebhookEndpoint.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"url": "ftp://example.com/hook"}, "url"),
        ({"url": "not a url"}, "url"),
        ({"url": "https://user:pw@example.com/hook"}, "url"),
        ({"url": "http://127.0.0.1:8080/hook"}, "url"),
        ({"url": "http://10.1.2.3/hook"}, "url"),
        ({"url": "http://169.254.169.254/latest/meta-data"}, "url"),
        ({"url": "http://[::1]/hook"}, "url"),
        ({"url": "http://[::ffff:127.0.0.1]/hook"}, "url"),
        ({"url": "https://example.com/" + "a" * 2000}, "url"),
        ({"events": []}, "events"),
        ({"events": ["permit.teleported"]}, "events"),
        ({"events": ["permit.created", "permit.created"]}, "events"),
        ({"events": "permit.created"}, "events"),
        ({"enabled": "sometimes"}, "enabled"),
        ({"secret": "whsec_mine"}, "secret"),
        ({"colour": "red"}, "colour"),
        ({"project": "acme"}, "project"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world: World, change: dict[str, Any], field: str) -> None:
    body = {"project": world.acme.project.id, "url": PUBLIC, "events": ["permit.created"], **change}
    response = world.client("admin").post(HOOKS, body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert not WebhookEndpoint.objects.exists()


def test_private_targets_are_allowed_only_when_the_deployment_says_so(world: World, settings: Any) -> None:
    body = {"project": world.acme.project.id, "url": "http://127.0.0.1:9/hook", "events": ["permit.created"]}
    assert world.client("admin").post(HOOKS, body, format="json").status_code == 400
    settings.PTW_WEBHOOKS_ALLOW_PRIVATE = True
    assert world.client("admin").post(HOOKS, body, format="json").status_code == 201


def test_changes_need_the_current_version_and_disabling_is_recorded(world: World) -> None:
    endpoint = register(world, PUBLIC)
    url = f"{HOOKS}{endpoint['id']}/"
    admin = world.client("admin")
    assert admin.patch(url, {"enabled": False}, format="json").status_code == 428
    disabled = admin.patch(url, {"enabled": False, "description": "SCADA bridge"}, format="json", HTTP_IF_MATCH='"1"')
    assert disabled.status_code == 200
    assert (disabled.json()["disabled_reason"], disabled.json()["version"]) == ("admin", 2)
    stale = admin.patch(url, {"enabled": True}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409
    assert stale.json()["error"]["current"]["version"] == 2
    enabled = admin.patch(url, {"enabled": True}, format="json", HTTP_IF_MATCH='"2"').json()
    assert (enabled["enabled"], enabled["disabled_reason"], enabled["disabled_at"]) == (True, "", None)
    refused = admin.patch(url, {"url": "http://192.168.0.10/"}, format="json", HTTP_IF_MATCH='"3"')
    assert refused.status_code == 400
    assert WebhookEndpoint.objects.get().url == PUBLIC


def test_an_endpoint_removed_while_a_change_to_it_waits_is_a_404(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another request deletes the endpoint after this one found it and before it takes the row's lock: the
    change, the rotation and the removal answer 404 and write nothing (they answered 500)."""
    endpoint = register(world, PUBLIC)
    found = WebhookEndpoint.objects.get()
    monkeypatch.setattr("ptw.webhooks.services.endpoints.endpoint_visible", lambda actor, endpoint_id: found)
    WebhookEndpoint.objects.filter(pk=found.pk).delete()
    admin, url = world.client("admin"), f"{HOOKS}{endpoint['id']}/"
    assert admin.patch(url, {"enabled": False}, format="json", HTTP_IF_MATCH='"1"').status_code == 404
    assert admin.post(f"{url}rotate-secret/").status_code == 404
    assert admin.delete(url).status_code == 404
    assert not WebhookEndpoint.objects.exists()


def test_rotation_keeps_the_old_secret_signing_for_a_day(world: World) -> None:
    endpoint = register(world, PUBLIC)
    before = WebhookEndpoint.objects.get().secret
    rotated = world.client("admin").post(f"{HOOKS}{endpoint['id']}/rotate-secret/").json()
    saved = WebhookEndpoint.objects.get()
    assert rotated["secret"] == saved.secret != before
    assert saved.previous_secret == before
    expires = saved.previous_secret_expires_at
    assert expires is not None
    assert abs(expires - (timezone.now() + timedelta(hours=24))) < timedelta(minutes=1)


def test_deleting_an_endpoint_removes_its_log(world: World, receiver: Receiver) -> None:
    endpoint = register(world, receiver.url)
    assert world.client("admin").post(f"{HOOKS}{endpoint['id']}/test/").status_code == 202
    assert world.client("admin").delete(f"{HOOKS}{endpoint['id']}/").status_code == 204
    assert not WebhookEndpoint.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_the_list_costs_the_same_queries_for_two_or_twelve_endpoints(world: World) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = world.client("admin").get(HOOKS, {"project": world.acme.project.id})
        assert response.status_code == 200
        return len(queries)

    for _ in range(2):
        register(world, PUBLIC)
    few = count()
    for _ in range(10):
        register(world, PUBLIC)
    assert count() == few

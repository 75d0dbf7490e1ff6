"""Preferences: every kind with the rule table's defaults; a PUT stores all or nothing; safety stays in-app."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.notifications.models import Notification, NotificationPreference
from ptw.notifications.rules import RULES
from ptw.notifications.tests.conftest import NOTIFICATIONS, World, notify

PREFERENCES = f"{NOTIFICATIONS}preferences/"


def test_defaults_come_from_the_rule_table(world: World) -> None:
    body = world.client("verifier").get(PREFERENCES).json()
    assert [item["kind"] for item in body["kinds"]] == [rule.kind for rule in RULES]
    for item, rule in zip(body["kinds"], RULES, strict=True):
        assert item["channels"] == {"in_app": True, "email": rule.email}
        assert item["in_app_required"] is rule.in_app_required
        assert item["category"] == rule.category
        assert item["label"] and item["description"]


def test_a_choice_is_stored_and_applied(world: World) -> None:
    client = world.client("verifier")
    response = client.put(
        PREFERENCES, {"kinds": [{"kind": "task_verify", "channels": {"in_app": False, "email": True}}]}, format="json"
    )
    assert response.status_code == 200
    chosen = {item["kind"]: item["channels"] for item in response.json()["kinds"]}
    assert chosen["task_verify"] == {"in_app": False, "email": True}
    assert client.get(PREFERENCES).json() == response.json()
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester")])
    notify()
    assert not Notification.objects.filter(recipient=world["verifier"]).exists()
    assert Notification.objects.filter(recipient=world["verifier2"]).exists()


@pytest.mark.parametrize(
    "body",
    [
        {"kinds": [{"kind": "no_such_kind", "channels": {"in_app": True, "email": True}}]},
        {"kinds": [{"kind": "gas_unsafe", "channels": {"in_app": False, "email": True}}]},
        {"kinds": [{"kind": "permit_suspended", "channels": {"in_app": False, "email": False}}]},
        {"kinds": [{"kind": "task_verify", "channels": {"in_app": "no", "email": True}}]},
        {"kinds": [{"kind": "task_verify", "channels": {"in_app": 0, "email": True}}]},
        {"kinds": [{"kind": "task_verify", "channels": {"in_app": True}}]},
        {"kinds": [{"kind": "task_verify"}]},
        {"kinds": [{"kind": "task_verify", "channels": {"in_app": True, "email": True, "sms": True}}]},
        {"kinds": "task_verify"},
        {"kinds": [{"kind": "x" * 5000, "channels": {"in_app": True, "email": True}}]},
        {},
        {
            "kinds": [
                {"kind": "task_verify", "channels": {"in_app": False, "email": False}},
                {"kind": "task_verify", "channels": {"in_app": True, "email": True}},
            ]
        },
    ],
)
def test_bad_input_is_400_and_stores_nothing(world: World, body: dict[str, Any]) -> None:
    client = world.client("verifier")
    # A valid change beside the bad one must not be stored either.
    if isinstance(body.get("kinds"), list):
        body = {"kinds": [{"kind": "permit_approved", "channels": {"in_app": False, "email": True}}, *body["kinds"]]}
    response = client.put(PREFERENCES, body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] in ("invalid", "validation_error")
    assert not NotificationPreference.objects.filter(user=world["verifier"]).exists()


def test_a_safety_alert_stays_in_app_whatever_is_stored(world: World) -> None:
    NotificationPreference.objects.create(user=world["requester"], kind="permit_suspended", in_app=False, email=False)
    kinds = {item["kind"]: item for item in world.client("requester").get(PREFERENCES).json()["kinds"]}
    assert kinds["permit_suspended"]["channels"]["in_app"] is True


def test_unauthenticated_is_refused(api: Any) -> None:
    assert api.get(PREFERENCES).status_code in (401, 403)
    assert api.put(PREFERENCES, {"kinds": []}, format="json").status_code in (401, 403)

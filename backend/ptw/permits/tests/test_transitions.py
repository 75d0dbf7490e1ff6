"""Every (status, action) pair through HTTP: allowed ones succeed, the rest are 409 and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ptw.permits.models import Permit, PermitEvent
from ptw.permits.tests.conftest import URL, World
from ptw.permits.workflow import TRANSITIONS, USER_ACTIONS

STATUSES = [
    "draft",
    "submitted",
    "under_review",
    "approved",
    "active",
    "suspended",
    "handback_pending",
    "completed",
    "cancelled",
    "expired",
    "rejected",
]

# Who takes each action when it is allowed (reject depends on the stage).
ACTOR = {
    "submit": "requester",
    "withdraw": "requester",
    "resubmit": "requester",
    "verify": "verifier",
    "approve": "issuer",
    "activate": "requester",
    "suspend": "issuer",
    "resume": "issuer",
    "hand_back": "requester",
    "complete": "issuer",
    "refuse_handback": "issuer",
    "cancel": "issuer",
}


def actor_for(action: str, status: str) -> str:
    if action == "reject":
        return "issuer" if status == "under_review" else "verifier"
    if action == "cancel" and status == "draft":
        return "requester"
    return ACTOR[action]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", USER_ACTIONS)
def test_every_status_action_pair(
    world: World, permit_in: Callable[[str], dict[str, Any]], status: str, action: str
) -> None:
    permit = permit_in(status)
    assert permit["status"] == status
    before_events = PermitEvent.objects.filter(permit_id=permit["id"]).count()
    response = world.act(permit["id"], action, actor_for(action, status), reason="Test reason", comment="c")
    stored = Permit.objects.get(pk=permit["id"])
    transition = TRANSITIONS[action]
    # The handed-back permits here were handed back from active: a refusal returns them there.
    target = "active" if transition.returns else transition.target
    if status in transition.sources:
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == target
        assert stored.status == target
        assert stored.version == permit["version"] + 1
        assert response["ETag"] == f'"{stored.version}"'
        event = PermitEvent.objects.filter(permit_id=permit["id"]).order_by("-seq").first()
        assert event is not None
        assert (event.action, event.from_status, event.to_status) == (action, status, target)
    else:
        assert response.status_code == 409, response.json()
        assert response.json()["error"]["code"] == "invalid_transition"
        assert response.json()["error"]["missing"][0]["code"] == "invalid_status"
        assert (stored.status, stored.version) == (status, permit["version"])
        assert PermitEvent.objects.filter(permit_id=permit["id"]).count() == before_events


def test_expire_is_not_reachable_over_http(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("active")
    response = world.act(permit["id"], "expire", "issuer")
    assert response.status_code == 404
    assert Permit.objects.get(pk=permit["id"]).status == "active"


def test_expiry_sweep_expires_only_after_grace(world: World) -> None:
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    from ptw.permits.services.transitions import expire_due

    permit = world.create()
    world.walk(
        permit["id"],
        [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer"), ("activate", "requester")],
    )
    end = Permit.objects.get(pk=permit["id"]).planned_end
    with time_machine.travel(end + timedelta(hours=1, minutes=59)):
        assert expire_due() == []
    with time_machine.travel(end + timedelta(hours=2, minutes=1)):
        assert expire_due() == [permit["id"]]
    stored = Permit.objects.get(pk=permit["id"])
    assert stored.status == "expired"
    event = PermitEvent.objects.filter(permit_id=permit["id"]).order_by("-seq").first()
    assert event is not None and event.actor_id is None and event.action == "expire"
    assert timezone.now() < end  # the sweep changed only the permit, not the clock


def test_reason_is_required_for_reject_suspend_cancel(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("submitted")
    response = world.act(permit["id"], "reject", "verifier", reason="  ")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    assert Permit.objects.get(pk=permit["id"]).status == "submitted"


def test_detail_carries_allowed_actions(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = permit_in("submitted")
    assert world.client("verifier").get(f"{URL}{permit['id']}/").json()["allowed_actions"] == ["verify", "reject"]
    assert world.client("requester").get(f"{URL}{permit['id']}/").json()["allowed_actions"] == ["withdraw", "cancel"]
    assert world.client("viewer").get(f"{URL}{permit['id']}/").json()["allowed_actions"] == []
